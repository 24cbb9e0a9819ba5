import { Migration } from '../../src/db/migration.js';

export class Migration20261201031753_PayMonthLockAndRejectDeductions extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`pay_months\` drop foreign key \`pay_months_closed_by_id_foreign\`;`);

    this.addSql(`alter table \`pay_entries\` drop foreign key \`pay_entries_rate_id_foreign\`;`);
    this.addSql(`alter table \`pay_entries\` drop foreign key \`pay_entries_report_id_foreign\`;`);

    this.addSql(`alter table \`pay_months\` modify \`closed_at\` datetime(3) null, modify \`closed_by_id\` varchar(64) null;`);
    this.addSql(`alter table \`pay_months\` add constraint \`pay_months_closed_by_id_foreign\` foreign key (\`closed_by_id\`) references \`people\` (\`id\`) on update cascade on delete set null;`);

    this.addSql(`alter table \`pay_entries\` add \`inspection_id\` int null, add \`reason_code\` varchar(16) null;`);
    this.addSql(`alter table \`pay_entries\` modify \`report_id\` int unsigned null, modify \`rate_id\` int unsigned null;`);
    this.addSql(`alter table \`pay_entries\` add constraint \`pay_entries_rate_id_foreign\` foreign key (\`rate_id\`) references \`piece_rates\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`pay_entries\` add constraint \`pay_entries_report_id_foreign\` foreign key (\`report_id\`) references \`work_reports\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`pay_entries\` add unique \`pay_entries_inspection_id_person_id_unique\`(\`inspection_id\`, \`person_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`pay_entries\` drop foreign key \`pay_entries_report_id_foreign\`;`);
    this.addSql(`alter table \`pay_entries\` drop foreign key \`pay_entries_rate_id_foreign\`;`);

    this.addSql(`alter table \`pay_months\` drop foreign key \`pay_months_closed_by_id_foreign\`;`);

    this.addSql(`alter table \`pay_entries\` drop index \`pay_entries_inspection_id_person_id_unique\`;`);
    this.addSql(`alter table \`pay_entries\` drop column \`inspection_id\`, drop column \`reason_code\`;`);

    this.addSql(`alter table \`pay_entries\` modify \`report_id\` int unsigned not null, modify \`rate_id\` int unsigned not null;`);
    this.addSql(`alter table \`pay_entries\` add constraint \`pay_entries_report_id_foreign\` foreign key (\`report_id\`) references \`work_reports\` (\`id\`) on update cascade on delete restrict;`);
    this.addSql(`alter table \`pay_entries\` add constraint \`pay_entries_rate_id_foreign\` foreign key (\`rate_id\`) references \`piece_rates\` (\`id\`) on update cascade on delete restrict;`);

    this.addSql(`alter table \`pay_months\` modify \`closed_at\` datetime(3) not null, modify \`closed_by_id\` varchar(64) not null;`);
    this.addSql(`alter table \`pay_months\` add constraint \`pay_months_closed_by_id_foreign\` foreign key (\`closed_by_id\`) references \`people\` (\`id\`) on update cascade on delete restrict;`);
  }

}
