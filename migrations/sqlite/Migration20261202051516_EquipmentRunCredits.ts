import { Migration } from '../../src/db/migration.js';

export class Migration20261202051516_EquipmentRunCredits extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`equipment_run_credits\` (\`report_id\` integer not null, \`equipment_code\` text not null, \`minutes\` integer not null, constraint \`equipment_run_credits_report_id_foreign\` foreign key(\`report_id\`) references \`work_reports\`(\`id\`) on delete cascade on update cascade, primary key (\`report_id\`));`);
    this.addSql(`create index \`equipment_run_credits_report_id_index\` on \`equipment_run_credits\` (\`report_id\`);`);

    this.addSql(`alter table \`equipment\` add column \`counted_until\` datetime null;`);
  }

}
