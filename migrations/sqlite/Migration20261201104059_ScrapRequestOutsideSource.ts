import { Migration } from '../../src/db/migration.js';

export class Migration20261201104059_ScrapRequestOutsideSource extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`scrap_requests\` add column \`outside_source\` text null;`);
  }

}
