import { Migration } from '../../src/db/migration.js';

export class Migration20261201104057_ScrapRequestOutsideSource extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`scrap_requests\` add \`outside_source\` varchar(64) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`scrap_requests\` drop column \`outside_source\`;`);
  }

}
