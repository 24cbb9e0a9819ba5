import { Migration } from '../../src/db/migration.js';

export class Migration20261130203053_HQualityRework extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`rework_tasks\` (\`id\` int unsigned not null auto_increment primary key, \`inspection_id\` int unsigned not null, \`task_id\` int unsigned not null, \`quantity\` int not null, \`assignee_id\` varchar(64) null, \`team_id\` varchar(64) null, \`status\` varchar(8) not null default 'open', \`created_at\` datetime(3) not null, \`good\` int not null default 0, \`scrap\` int not null default 0, \`finished_at\` datetime(3) null, \`finished_by_id\` varchar(64) null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`rework_tasks\` add index \`rework_tasks_inspection_id_index\`(\`inspection_id\`);`);
    this.addSql(`alter table \`rework_tasks\` add index \`rework_tasks_task_id_index\`(\`task_id\`);`);
    this.addSql(`alter table \`rework_tasks\` add index \`rework_tasks_assignee_id_index\`(\`assignee_id\`);`);
    this.addSql(`alter table \`rework_tasks\` add index \`rework_tasks_team_id_index\`(\`team_id\`);`);
    this.addSql(`alter table \`rework_tasks\` add index \`rework_tasks_finished_by_id_index\`(\`finished_by_id\`);`);
    this.addSql(`alter table \`rework_tasks\` add index \`rework_tasks_task_id_status_index\`(\`task_id\`, \`status\`);`);

    this.addSql(`alter table \`rework_tasks\` add constraint \`rework_tasks_inspection_id_foreign\` foreign key (\`inspection_id\`) references \`inspections\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`rework_tasks\` add constraint \`rework_tasks_task_id_foreign\` foreign key (\`task_id\`) references \`operation_tasks\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`rework_tasks\` add constraint \`rework_tasks_assignee_id_foreign\` foreign key (\`assignee_id\`) references \`people\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`rework_tasks\` add constraint \`rework_tasks_team_id_foreign\` foreign key (\`team_id\`) references \`teams\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`rework_tasks\` add constraint \`rework_tasks_finished_by_id_foreign\` foreign key (\`finished_by_id\`) references \`people\` (\`id\`) on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`rework_tasks\`;`);
  }

}
