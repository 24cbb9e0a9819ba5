import { Migration } from '../../src/db/migration.js';

export class Migration20261130203613_HPayMonthClose extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`pay_statements\` (\`id\` int unsigned not null auto_increment primary key, \`month\` varchar(7) not null, \`person_id\` varchar(64) not null, \`fen\` int not null, \`status\` varchar(16) not null default 'sent', \`reason\` varchar(500) null, \`responded_at\` datetime(3) null, \`revision\` int not null default 0) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`pay_statements\` add index \`pay_statements_person_id_index\`(\`person_id\`);`);
    this.addSql(`alter table \`pay_statements\` add index \`pay_statements_status_index\`(\`status\`);`);
    this.addSql(`alter table \`pay_statements\` add unique \`pay_statements_month_person_id_unique\`(\`month\`, \`person_id\`);`);

    this.addSql(`create table \`pay_months\` (\`month\` varchar(7) not null, \`closed_at\` datetime(3) not null, \`closed_by_id\` varchar(64) not null, primary key (\`month\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`pay_months\` add index \`pay_months_closed_by_id_index\`(\`closed_by_id\`);`);

    this.addSql(`alter table \`pay_statements\` add constraint \`pay_statements_person_id_foreign\` foreign key (\`person_id\`) references \`people\` (\`id\`) on update cascade;`);

    this.addSql(`alter table \`pay_months\` add constraint \`pay_months_closed_by_id_foreign\` foreign key (\`closed_by_id\`) references \`people\` (\`id\`) on update cascade;`);

    this.addSql(`alter table \`pay_entries\` drop index \`pay_entries_report_id_unique\`;`);

    this.addSql(`alter table \`pay_entries\` add \`deduction_fen\` int not null default 0, add \`split_among\` int not null default 1, add \`late_for_id\` int unsigned null;`);
    this.addSql(`alter table \`pay_entries\` add constraint \`pay_entries_late_for_id_foreign\` foreign key (\`late_for_id\`) references \`work_reports\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`pay_entries\` add index \`pay_entries_late_for_id_index\`(\`late_for_id\`);`);
    this.addSql(`alter table \`pay_entries\` add unique \`pay_entries_report_id_person_id_unique\`(\`report_id\`, \`person_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`pay_statements\`;`);

    this.addSql(`drop table if exists \`pay_months\`;`);

    this.addSql(`alter table \`pay_entries\` drop foreign key \`pay_entries_late_for_id_foreign\`;`);

    this.addSql(`alter table \`pay_entries\` drop index \`pay_entries_late_for_id_index\`;`);
    this.addSql(`alter table \`pay_entries\` drop index \`pay_entries_report_id_person_id_unique\`;`);
    this.addSql(`alter table \`pay_entries\` drop column \`deduction_fen\`, drop column \`split_among\`, drop column \`late_for_id\`;`);

    this.addSql(`alter table \`pay_entries\` add unique \`pay_entries_report_id_unique\`(\`report_id\`);`);
  }

}
