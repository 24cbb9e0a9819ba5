import { Migration } from '@mikro-orm/migrations';

export class Migration20261201031756_PayMonthLockAndRejectDeductions extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`pay_entries\` add column \`inspection_id\` integer null constraint \`pay_entries_rate_id_foreign\` references \`piece_rates\` (\`id\`) on update cascade on delete set null constraint \`pay_entries_report_id_foreign\` references \`work_reports\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`pay_entries\` add column \`reason_code\` text null;`);
    this.addSql(`create unique index \`pay_entries_inspection_id_person_id_unique\` on \`pay_entries\` (\`inspection_id\`, \`person_id\`);`);
  }

}
