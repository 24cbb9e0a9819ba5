import { Migration } from '../../src/db/migration.js';

export class Migration20261130005837_EquipmentHoursSource extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`equipment\` add \`hours_source\` varchar(8) not null default 'reports';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`equipment\` drop column \`hours_source\`;`);
  }

}
