import { Migration } from '../../src/db/migration.js';

export class Migration20261201032222_GatewayReadings extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`gateway_readings\` (\`id\` integer not null primary key autoincrement, \`device\` text not null, \`seq\` bigint not null, \`kind\` text not null, \`equipment\` text null, \`good\` integer not null default 0, \`scrap\` integer not null default 0, \`lot\` text null, \`work_order\` text null, \`weight\` double null, \`unit\` text null, \`read_at\` datetime not null, \`received_at\` datetime not null, \`state\` text not null default 'pending', \`report_id\` integer null, \`exception_id\` integer null, \`issue_id\` integer null, \`note\` text null, constraint \`gateway_readings_report_id_foreign\` foreign key(\`report_id\`) references \`work_reports\`(\`id\`) on delete set null on update cascade, constraint \`gateway_readings_exception_id_foreign\` foreign key(\`exception_id\`) references \`production_exceptions\`(\`id\`) on delete set null on update cascade, constraint \`gateway_readings_issue_id_foreign\` foreign key(\`issue_id\`) references \`material_issues\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`gateway_readings_report_id_index\` on \`gateway_readings\` (\`report_id\`);`);
    this.addSql(`create index \`gateway_readings_exception_id_index\` on \`gateway_readings\` (\`exception_id\`);`);
    this.addSql(`create index \`gateway_readings_issue_id_index\` on \`gateway_readings\` (\`issue_id\`);`);
    this.addSql(`create index \`gateway_readings_state_id_index\` on \`gateway_readings\` (\`state\`, \`id\`);`);
    this.addSql(`create index \`gateway_readings_equipment_id_index\` on \`gateway_readings\` (\`equipment\`, \`id\`);`);
    this.addSql(`create unique index \`gateway_readings_device_seq_unique\` on \`gateway_readings\` (\`device\`, \`seq\`);`);
  }

}
