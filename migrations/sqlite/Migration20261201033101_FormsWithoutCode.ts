import { Migration } from '../../src/db/migration.js';

export class Migration20261201033101_FormsWithoutCode extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`form_export_links\` (\`id\` integer not null primary key autoincrement, \`token_hash\` text not null, \`form_key\` text not null, \`from_date\` text not null, \`to_date\` text not null, \`created_by\` text not null, \`created_at\` datetime not null, \`expires_at\` datetime not null);`);
    this.addSql(`create unique index \`form_export_links_token_hash_unique\` on \`form_export_links\` (\`token_hash\`);`);

    this.addSql(`create table \`form_submissions\` (\`id\` integer not null primary key autoincrement, \`form_key\` text not null, \`subject_kind\` text not null, \`subject_key\` text null, \`team_id\` text null, \`filled_by_id\` text not null, \`answers\` json not null, \`period_key\` text null, \`supersedes\` integer null, \`superseded_by\` integer null, \`created_at\` datetime not null, constraint \`form_submissions_filled_by_id_foreign\` foreign key(\`filled_by_id\`) references \`people\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`form_submissions_filled_by_id_index\` on \`form_submissions\` (\`filled_by_id\`);`);
    this.addSql(`create index \`form_submissions_form_key_created_at_index\` on \`form_submissions\` (\`form_key\`, \`created_at\`);`);
    this.addSql(`create index \`form_submissions_form_key_period_key_subject_key_index\` on \`form_submissions\` (\`form_key\`, \`period_key\`, \`subject_key\`);`);

    // SQLite cannot drop NOT NULL in place: the table is rebuilt (nothing refers to it), its
    // indexes with it. A form's exception (设备点检 out of limits) has no work order.
    this.addSql(`create table \`production_exceptions__new\` (\`id\` integer not null primary key autoincrement, \`kind\` text not null, \`work_order_id\` integer null, \`task_id\` integer null, \`reason\` text not null, \`status\` text not null default 'raised', \`raised_by_id\` text not null, \`raised_at\` datetime not null, \`acknowledged_by_id\` text null, \`acknowledged_at\` datetime null, \`closed_by_id\` text null, \`closed_at\` datetime null, \`close_note\` text null, constraint \`production_exceptions_work_order_id_foreign\` foreign key(\`work_order_id\`) references \`work_orders\`(\`id\`) on delete set null on update cascade, constraint \`production_exceptions_task_id_foreign\` foreign key(\`task_id\`) references \`operation_tasks\`(\`id\`) on delete set null on update cascade, constraint \`production_exceptions_raised_by_id_foreign\` foreign key(\`raised_by_id\`) references \`people\`(\`id\`) on update cascade, constraint \`production_exceptions_acknowledged_by_id_foreign\` foreign key(\`acknowledged_by_id\`) references \`people\`(\`id\`) on delete set null on update cascade, constraint \`production_exceptions_closed_by_id_foreign\` foreign key(\`closed_by_id\`) references \`people\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`insert into \`production_exceptions__new\` (\`id\`, \`kind\`, \`work_order_id\`, \`task_id\`, \`reason\`, \`status\`, \`raised_by_id\`, \`raised_at\`, \`acknowledged_by_id\`, \`acknowledged_at\`, \`closed_by_id\`, \`closed_at\`, \`close_note\`) select \`id\`, \`kind\`, \`work_order_id\`, \`task_id\`, \`reason\`, \`status\`, \`raised_by_id\`, \`raised_at\`, \`acknowledged_by_id\`, \`acknowledged_at\`, \`closed_by_id\`, \`closed_at\`, \`close_note\` from \`production_exceptions\`;`);
    this.addSql(`drop table \`production_exceptions\`;`);
    this.addSql(`alter table \`production_exceptions__new\` rename to \`production_exceptions\`;`);
    this.addSql(`create index \`production_exceptions_work_order_id_index\` on \`production_exceptions\` (\`work_order_id\`);`);
    this.addSql(`create index \`production_exceptions_task_id_index\` on \`production_exceptions\` (\`task_id\`);`);
    this.addSql(`create index \`production_exceptions_raised_by_id_index\` on \`production_exceptions\` (\`raised_by_id\`);`);
    this.addSql(`create index \`production_exceptions_acknowledged_by_id_index\` on \`production_exceptions\` (\`acknowledged_by_id\`);`);
    this.addSql(`create index \`production_exceptions_closed_by_id_index\` on \`production_exceptions\` (\`closed_by_id\`);`);
    this.addSql(`create index \`production_exceptions_status_index\` on \`production_exceptions\` (\`status\`);`);
    this.addSql(`create index \`production_exceptions_raised_at_index\` on \`production_exceptions\` (\`raised_at\`);`);
  }

}
