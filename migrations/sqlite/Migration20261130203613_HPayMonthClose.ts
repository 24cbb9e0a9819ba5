import { Migration } from '../../src/db/migration.js';

export class Migration20261130203613_HPayMonthClose extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`pay_statements\` (\`id\` integer not null primary key autoincrement, \`month\` text not null, \`person_id\` text not null, \`fen\` integer not null, \`status\` text not null default 'sent', \`reason\` text null, \`responded_at\` datetime null, \`revision\` integer not null default 0, constraint \`pay_statements_person_id_foreign\` foreign key(\`person_id\`) references \`people\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`pay_statements_person_id_index\` on \`pay_statements\` (\`person_id\`);`);
    this.addSql(`create index \`pay_statements_status_index\` on \`pay_statements\` (\`status\`);`);
    this.addSql(`create unique index \`pay_statements_month_person_id_unique\` on \`pay_statements\` (\`month\`, \`person_id\`);`);

    this.addSql(`create table \`pay_months\` (\`month\` text not null, \`closed_at\` datetime not null, \`closed_by_id\` text not null, constraint \`pay_months_closed_by_id_foreign\` foreign key(\`closed_by_id\`) references \`people\`(\`id\`) on update cascade, primary key (\`month\`));`);
    this.addSql(`create index \`pay_months_closed_by_id_index\` on \`pay_months\` (\`closed_by_id\`);`);

    // The generator put the late_for_id foreign key on deduction_fen; moved to its column by hand.
    this.addSql(`drop index \`pay_entries_report_id_unique\`;`);

    this.addSql(`alter table \`pay_entries\` add column \`deduction_fen\` integer not null default 0;`);
    this.addSql(`alter table \`pay_entries\` add column \`split_among\` integer not null default 1;`);
    this.addSql(`alter table \`pay_entries\` add column \`late_for_id\` integer null constraint \`pay_entries_late_for_id_foreign\` references \`work_reports\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`create index \`pay_entries_late_for_id_index\` on \`pay_entries\` (\`late_for_id\`);`);
    this.addSql(`create unique index \`pay_entries_report_id_person_id_unique\` on \`pay_entries\` (\`report_id\`, \`person_id\`);`);
  }

}
