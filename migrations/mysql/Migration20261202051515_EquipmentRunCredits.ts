import { Migration } from '../../src/db/migration.js';

export class Migration20261202051515_EquipmentRunCredits extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`equipment_run_credits\` (\`report_id\` int unsigned not null, \`equipment_code\` varchar(32) not null, \`minutes\` int not null, primary key (\`report_id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`equipment_run_credits\` add index \`equipment_run_credits_report_id_index\`(\`report_id\`);`);

    this.addSql(`alter table \`equipment_run_credits\` add constraint \`equipment_run_credits_report_id_foreign\` foreign key (\`report_id\`) references \`work_reports\` (\`id\`) on update cascade on delete cascade;`);

    this.addSql(`alter table \`equipment\` add \`counted_until\` datetime(3) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`equipment_run_credits\`;`);

    this.addSql(`alter table \`equipment\` drop column \`counted_until\`;`);
  }

}
