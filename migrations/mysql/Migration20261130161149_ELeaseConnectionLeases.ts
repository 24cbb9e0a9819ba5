import { Migration } from '../../src/db/migration.js';

export class Migration20261130161149_ELeaseConnectionLeases extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`connection_leases\` (\`name\` varchar(64) not null, \`holder\` varchar(128) not null, \`expires_at\` datetime(3) not null, primary key (\`name\`)) default character set utf8mb4 engine = InnoDB;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`connection_leases\`;`);
  }

}
