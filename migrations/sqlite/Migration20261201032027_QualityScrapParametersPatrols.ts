import { Migration } from '../../src/db/migration.js';

export class Migration20261201032027_QualityScrapParametersPatrols extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`patrol_reminders\` (\`id\` integer not null primary key autoincrement, \`task_id\` integer not null, \`after_inspection\` integer not null, \`reminded_at\` datetime not null, constraint \`patrol_reminders_task_id_foreign\` foreign key(\`task_id\`) references \`operation_tasks\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`patrol_reminders_task_id_index\` on \`patrol_reminders\` (\`task_id\`);`);
    this.addSql(`create unique index \`patrol_reminders_task_id_after_inspection_unique\` on \`patrol_reminders\` (\`task_id\`, \`after_inspection\`);`);

    this.addSql(`create table \`scrap_requests\` (\`id\` integer not null primary key autoincrement, \`task_id\` integer not null, \`requested_by_id\` text not null, \`requested_at\` datetime not null, \`quantity\` integer not null, \`reason_code\` text null, \`held_from_id\` integer null, \`photo_url\` text null, \`status\` text not null default 'pending', \`decided_by_id\` text null, \`decided_at\` datetime null, \`decision_note\` text null, \`posted_id\` integer null, \`revision\` integer not null default 0, constraint \`scrap_requests_task_id_foreign\` foreign key(\`task_id\`) references \`operation_tasks\`(\`id\`) on delete cascade on update cascade, constraint \`scrap_requests_requested_by_id_foreign\` foreign key(\`requested_by_id\`) references \`people\`(\`id\`) on update cascade, constraint \`scrap_requests_held_from_id_foreign\` foreign key(\`held_from_id\`) references \`work_reports\`(\`id\`) on delete set null on update cascade, constraint \`scrap_requests_decided_by_id_foreign\` foreign key(\`decided_by_id\`) references \`people\`(\`id\`) on delete set null on update cascade, constraint \`scrap_requests_posted_id_foreign\` foreign key(\`posted_id\`) references \`work_reports\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`scrap_requests_task_id_index\` on \`scrap_requests\` (\`task_id\`);`);
    this.addSql(`create index \`scrap_requests_requested_by_id_index\` on \`scrap_requests\` (\`requested_by_id\`);`);
    this.addSql(`create index \`scrap_requests_held_from_id_index\` on \`scrap_requests\` (\`held_from_id\`);`);
    this.addSql(`create index \`scrap_requests_decided_by_id_index\` on \`scrap_requests\` (\`decided_by_id\`);`);
    this.addSql(`create index \`scrap_requests_posted_id_index\` on \`scrap_requests\` (\`posted_id\`);`);
    this.addSql(`create index \`scrap_requests_status_decided_at_index\` on \`scrap_requests\` (\`status\`, \`decided_at\`);`);

    this.addSql(`create table \`parameter_readings\` (\`id\` integer not null primary key autoincrement, \`report_id\` integer not null, \`name\` text not null, \`unit\` text not null, \`value\` double not null, \`min\` double null, \`max\` double null, \`out_of_limits\` integer not null default false, \`exception_id\` integer null, \`source\` text not null, \`recorded_at\` datetime not null, constraint \`parameter_readings_report_id_foreign\` foreign key(\`report_id\`) references \`work_reports\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`parameter_readings_report_id_index\` on \`parameter_readings\` (\`report_id\`);`);
    this.addSql(`create unique index \`parameter_readings_report_id_name_unique\` on \`parameter_readings\` (\`report_id\`, \`name\`);`);
  }

}
