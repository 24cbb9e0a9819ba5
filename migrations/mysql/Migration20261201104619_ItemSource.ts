import { Migration } from '../../src/db/migration.js';

export class Migration20261201104619_ItemSource extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`items\` add \`source\` varchar(8) not null default 'local';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`items\` drop column \`source\`;`);
  }

}
