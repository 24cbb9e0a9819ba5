import { Migration } from '../../src/db/migration.js';

export class Migration20261201104621_ItemSource extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`items\` add column \`source\` text not null default 'local';`);
  }

}
