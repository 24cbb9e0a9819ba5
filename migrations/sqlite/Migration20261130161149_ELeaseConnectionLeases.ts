import { Migration } from '../../src/db/migration.js';

export class Migration20261130161149_ELeaseConnectionLeases extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`connection_leases\` (\`name\` text not null, \`holder\` text not null, \`expires_at\` datetime not null, primary key (\`name\`));`);
  }

}
