import { Migration } from '../../src/db/migration.js';

export class Migration20261201032220_GatewayReadings extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`gateway_readings\` (\`id\` int unsigned not null auto_increment primary key, \`device\` varchar(64) not null, \`seq\` bigint not null, \`kind\` varchar(16) not null, \`equipment\` varchar(32) null, \`good\` int not null default 0, \`scrap\` int not null default 0, \`lot\` varchar(64) null, \`work_order\` varchar(32) null, \`weight\` double null, \`unit\` varchar(16) null, \`read_at\` datetime(3) not null, \`received_at\` datetime(3) not null, \`state\` varchar(16) not null default 'pending', \`report_id\` int unsigned null, \`exception_id\` int unsigned null, \`issue_id\` int unsigned null, \`note\` varchar(500) null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`gateway_readings\` add index \`gateway_readings_report_id_index\`(\`report_id\`);`);
    this.addSql(`alter table \`gateway_readings\` add index \`gateway_readings_exception_id_index\`(\`exception_id\`);`);
    this.addSql(`alter table \`gateway_readings\` add index \`gateway_readings_issue_id_index\`(\`issue_id\`);`);
    this.addSql(`alter table \`gateway_readings\` add index \`gateway_readings_state_id_index\`(\`state\`, \`id\`);`);
    this.addSql(`alter table \`gateway_readings\` add index \`gateway_readings_equipment_id_index\`(\`equipment\`, \`id\`);`);
    this.addSql(`alter table \`gateway_readings\` add unique \`gateway_readings_device_seq_unique\`(\`device\`, \`seq\`);`);

    this.addSql(`alter table \`gateway_readings\` add constraint \`gateway_readings_report_id_foreign\` foreign key (\`report_id\`) references \`work_reports\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`gateway_readings\` add constraint \`gateway_readings_exception_id_foreign\` foreign key (\`exception_id\`) references \`production_exceptions\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`gateway_readings\` add constraint \`gateway_readings_issue_id_foreign\` foreign key (\`issue_id\`) references \`material_issues\` (\`id\`) on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`gateway_readings\`;`);
  }

}
