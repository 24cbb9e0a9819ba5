import { Migration } from '../../src/db/migration.js';

export class Migration20261130201627_HQualityInspections extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`inspections\` (\`id\` integer not null primary key autoincrement, \`kind\` text not null, \`task_id\` integer not null, \`inspector_id\` text not null, \`at\` datetime not null, \`accepted\` integer not null, \`rejected\` integer not null default 0, \`rework\` integer not null default 0, \`reason_code\` text null, \`note\` text null, constraint \`inspections_task_id_foreign\` foreign key(\`task_id\`) references \`operation_tasks\`(\`id\`) on delete cascade on update cascade, constraint \`inspections_inspector_id_foreign\` foreign key(\`inspector_id\`) references \`people\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`inspections_task_id_index\` on \`inspections\` (\`task_id\`);`);
    this.addSql(`create index \`inspections_inspector_id_index\` on \`inspections\` (\`inspector_id\`);`);
    this.addSql(`create index \`inspections_task_id_kind_index\` on \`inspections\` (\`task_id\`, \`kind\`);`);

    this.addSql(`alter table \`routing_steps\` add column \`first_article\` integer not null default false;`);

    this.addSql(`alter table \`operation_tasks\` add column \`first_article\` integer not null default false;`);
  }

}
