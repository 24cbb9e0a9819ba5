import { Migration } from '../../src/db/migration.js';

export class Migration20261130203053_HQualityRework extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`rework_tasks\` (\`id\` integer not null primary key autoincrement, \`inspection_id\` integer not null, \`task_id\` integer not null, \`quantity\` integer not null, \`assignee_id\` text null, \`team_id\` text null, \`status\` text not null default 'open', \`created_at\` datetime not null, \`good\` integer not null default 0, \`scrap\` integer not null default 0, \`finished_at\` datetime null, \`finished_by_id\` text null, constraint \`rework_tasks_inspection_id_foreign\` foreign key(\`inspection_id\`) references \`inspections\`(\`id\`) on delete cascade on update cascade, constraint \`rework_tasks_task_id_foreign\` foreign key(\`task_id\`) references \`operation_tasks\`(\`id\`) on delete cascade on update cascade, constraint \`rework_tasks_assignee_id_foreign\` foreign key(\`assignee_id\`) references \`people\`(\`id\`) on delete set null on update cascade, constraint \`rework_tasks_team_id_foreign\` foreign key(\`team_id\`) references \`teams\`(\`id\`) on delete set null on update cascade, constraint \`rework_tasks_finished_by_id_foreign\` foreign key(\`finished_by_id\`) references \`people\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`rework_tasks_inspection_id_index\` on \`rework_tasks\` (\`inspection_id\`);`);
    this.addSql(`create index \`rework_tasks_task_id_index\` on \`rework_tasks\` (\`task_id\`);`);
    this.addSql(`create index \`rework_tasks_assignee_id_index\` on \`rework_tasks\` (\`assignee_id\`);`);
    this.addSql(`create index \`rework_tasks_team_id_index\` on \`rework_tasks\` (\`team_id\`);`);
    this.addSql(`create index \`rework_tasks_finished_by_id_index\` on \`rework_tasks\` (\`finished_by_id\`);`);
    this.addSql(`create index \`rework_tasks_task_id_status_index\` on \`rework_tasks\` (\`task_id\`, \`status\`);`);
  }

}
