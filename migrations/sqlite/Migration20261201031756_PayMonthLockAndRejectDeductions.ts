import { Migration } from '../../src/db/migration.js';

export class Migration20261201031756_PayMonthLockAndRejectDeductions extends Migration {

  override async up(): Promise<void> {
    // SQLite cannot make a column nullable in place: both tables are rebuilt by hand (the
    // generator put the new columns' foreign keys on inspection_id and left the old ones).
    this.addSql(`create table \`pay_months_new\` (\`month\` text not null, \`closed_at\` datetime null, \`closed_by_id\` text null, constraint \`pay_months_closed_by_id_foreign\` foreign key(\`closed_by_id\`) references \`people\`(\`id\`) on update cascade on delete set null, primary key (\`month\`));`);
    this.addSql(`insert into \`pay_months_new\` (\`month\`, \`closed_at\`, \`closed_by_id\`) select \`month\`, \`closed_at\`, \`closed_by_id\` from \`pay_months\`;`);
    this.addSql(`drop table \`pay_months\`;`);
    this.addSql(`alter table \`pay_months_new\` rename to \`pay_months\`;`);
    this.addSql(`create index \`pay_months_closed_by_id_index\` on \`pay_months\` (\`closed_by_id\`);`);

    this.addSql(`create table \`pay_entries_new\` (\`id\` integer not null primary key autoincrement, \`person_id\` text not null, \`report_id\` integer null, \`rate_id\` integer null, \`inspection_id\` integer null, \`reason_code\` text null, \`good\` integer not null, \`scrap\` integer not null, \`fen\` integer not null, \`deduction_fen\` integer not null default 0, \`split_among\` integer not null default 1, \`late_for_id\` integer null, \`day\` text not null, \`month\` text not null, \`recorded_at\` datetime not null, constraint \`pay_entries_person_id_foreign\` foreign key(\`person_id\`) references \`people\`(\`id\`) on update cascade, constraint \`pay_entries_report_id_foreign\` foreign key(\`report_id\`) references \`work_reports\`(\`id\`) on update cascade on delete set null, constraint \`pay_entries_rate_id_foreign\` foreign key(\`rate_id\`) references \`piece_rates\`(\`id\`) on update cascade on delete set null, constraint \`pay_entries_late_for_id_foreign\` foreign key(\`late_for_id\`) references \`work_reports\`(\`id\`) on update cascade on delete set null);`);
    this.addSql(`insert into \`pay_entries_new\` (\`id\`, \`person_id\`, \`report_id\`, \`rate_id\`, \`good\`, \`scrap\`, \`fen\`, \`deduction_fen\`, \`split_among\`, \`late_for_id\`, \`day\`, \`month\`, \`recorded_at\`) select \`id\`, \`person_id\`, \`report_id\`, \`rate_id\`, \`good\`, \`scrap\`, \`fen\`, \`deduction_fen\`, \`split_among\`, \`late_for_id\`, \`day\`, \`month\`, \`recorded_at\` from \`pay_entries\`;`);
    this.addSql(`drop table \`pay_entries\`;`);
    this.addSql(`alter table \`pay_entries_new\` rename to \`pay_entries\`;`);
    this.addSql(`create index \`pay_entries_person_id_index\` on \`pay_entries\` (\`person_id\`);`);
    this.addSql(`create index \`pay_entries_report_id_index\` on \`pay_entries\` (\`report_id\`);`);
    this.addSql(`create index \`pay_entries_rate_id_index\` on \`pay_entries\` (\`rate_id\`);`);
    this.addSql(`create index \`pay_entries_late_for_id_index\` on \`pay_entries\` (\`late_for_id\`);`);
    this.addSql(`create index \`pay_entries_person_id_day_index\` on \`pay_entries\` (\`person_id\`, \`day\`);`);
    this.addSql(`create index \`pay_entries_month_person_id_index\` on \`pay_entries\` (\`month\`, \`person_id\`);`);
    this.addSql(`create unique index \`pay_entries_report_id_person_id_unique\` on \`pay_entries\` (\`report_id\`, \`person_id\`);`);
    this.addSql(`create unique index \`pay_entries_inspection_id_person_id_unique\` on \`pay_entries\` (\`inspection_id\`, \`person_id\`);`);
  }

}
