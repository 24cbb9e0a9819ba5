import { Migration } from '../../src/db/migration.js';

export class Migration20261130005837_EquipmentHoursSource extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`equipment\` add column \`hours_source\` text not null default 'reports';`);
  }

}
