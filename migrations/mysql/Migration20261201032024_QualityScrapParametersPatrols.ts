import { Migration } from '../../src/db/migration.js';

export class Migration20261201032024_QualityScrapParametersPatrols extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`patrol_reminders\` (\`id\` int unsigned not null auto_increment primary key, \`task_id\` int unsigned not null, \`after_inspection\` int not null, \`reminded_at\` datetime(3) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`patrol_reminders\` add index \`patrol_reminders_task_id_index\`(\`task_id\`);`);
    this.addSql(`alter table \`patrol_reminders\` add unique \`patrol_reminders_task_id_after_inspection_unique\`(\`task_id\`, \`after_inspection\`);`);

    this.addSql(`create table \`scrap_requests\` (\`id\` int unsigned not null auto_increment primary key, \`task_id\` int unsigned not null, \`requested_by_id\` varchar(64) not null, \`requested_at\` datetime(3) not null, \`quantity\` int not null, \`reason_code\` varchar(16) null, \`held_from_id\` int unsigned null, \`photo_url\` varchar(500) null, \`status\` varchar(16) not null default 'pending', \`decided_by_id\` varchar(64) null, \`decided_at\` datetime(3) null, \`decision_note\` varchar(255) null, \`posted_id\` int unsigned null, \`revision\` int not null default 0) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`scrap_requests\` add index \`scrap_requests_task_id_index\`(\`task_id\`);`);
    this.addSql(`alter table \`scrap_requests\` add index \`scrap_requests_requested_by_id_index\`(\`requested_by_id\`);`);
    this.addSql(`alter table \`scrap_requests\` add index \`scrap_requests_held_from_id_index\`(\`held_from_id\`);`);
    this.addSql(`alter table \`scrap_requests\` add index \`scrap_requests_decided_by_id_index\`(\`decided_by_id\`);`);
    this.addSql(`alter table \`scrap_requests\` add index \`scrap_requests_posted_id_index\`(\`posted_id\`);`);
    this.addSql(`alter table \`scrap_requests\` add index \`scrap_requests_status_decided_at_index\`(\`status\`, \`decided_at\`);`);

    this.addSql(`create table \`parameter_readings\` (\`id\` int unsigned not null auto_increment primary key, \`report_id\` int unsigned not null, \`name\` varchar(32) not null, \`unit\` varchar(16) not null, \`value\` double not null, \`min\` double null, \`max\` double null, \`out_of_limits\` tinyint(1) not null default false, \`exception_id\` int null, \`source\` varchar(16) not null, \`recorded_at\` datetime(3) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`parameter_readings\` add index \`parameter_readings_report_id_index\`(\`report_id\`);`);
    this.addSql(`alter table \`parameter_readings\` add unique \`parameter_readings_report_id_name_unique\`(\`report_id\`, \`name\`);`);

    this.addSql(`alter table \`patrol_reminders\` add constraint \`patrol_reminders_task_id_foreign\` foreign key (\`task_id\`) references \`operation_tasks\` (\`id\`) on update cascade on delete cascade;`);

    this.addSql(`alter table \`scrap_requests\` add constraint \`scrap_requests_task_id_foreign\` foreign key (\`task_id\`) references \`operation_tasks\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`scrap_requests\` add constraint \`scrap_requests_requested_by_id_foreign\` foreign key (\`requested_by_id\`) references \`people\` (\`id\`) on update cascade;`);
    this.addSql(`alter table \`scrap_requests\` add constraint \`scrap_requests_held_from_id_foreign\` foreign key (\`held_from_id\`) references \`work_reports\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`scrap_requests\` add constraint \`scrap_requests_decided_by_id_foreign\` foreign key (\`decided_by_id\`) references \`people\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`scrap_requests\` add constraint \`scrap_requests_posted_id_foreign\` foreign key (\`posted_id\`) references \`work_reports\` (\`id\`) on update cascade on delete set null;`);

    this.addSql(`alter table \`parameter_readings\` add constraint \`parameter_readings_report_id_foreign\` foreign key (\`report_id\`) references \`work_reports\` (\`id\`) on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`patrol_reminders\`;`);

    this.addSql(`drop table if exists \`scrap_requests\`;`);

    this.addSql(`drop table if exists \`parameter_readings\`;`);
  }

}
