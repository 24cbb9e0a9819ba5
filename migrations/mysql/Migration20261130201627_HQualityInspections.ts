import { Migration } from '../../src/db/migration.js';

export class Migration20261130201627_HQualityInspections extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`inspections\` (\`id\` int unsigned not null auto_increment primary key, \`kind\` varchar(16) not null, \`task_id\` int unsigned not null, \`inspector_id\` varchar(64) not null, \`at\` datetime(3) not null, \`accepted\` int not null, \`rejected\` int not null default 0, \`rework\` int not null default 0, \`reason_code\` varchar(16) null, \`note\` varchar(255) null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`inspections\` add index \`inspections_task_id_index\`(\`task_id\`);`);
    this.addSql(`alter table \`inspections\` add index \`inspections_inspector_id_index\`(\`inspector_id\`);`);
    this.addSql(`alter table \`inspections\` add index \`inspections_task_id_kind_index\`(\`task_id\`, \`kind\`);`);

    this.addSql(`alter table \`inspections\` add constraint \`inspections_task_id_foreign\` foreign key (\`task_id\`) references \`operation_tasks\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`inspections\` add constraint \`inspections_inspector_id_foreign\` foreign key (\`inspector_id\`) references \`people\` (\`id\`) on update cascade;`);

    this.addSql(`alter table \`routing_steps\` add \`first_article\` tinyint(1) not null default false;`);

    this.addSql(`alter table \`operation_tasks\` add \`first_article\` tinyint(1) not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`inspections\`;`);

    this.addSql(`alter table \`operation_tasks\` drop column \`first_article\`;`);

    this.addSql(`alter table \`routing_steps\` drop column \`first_article\`;`);
  }

}
