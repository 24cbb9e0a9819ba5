import { Migration } from '@mikro-orm/migrations';

export class Migration20261124112704_WorkOrders extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`items\` (\`code\` text not null, \`name\` text not null, \`unit\` text not null default '件', \`kind\` text not null default 'finished', primary key (\`code\`));`);

    this.addSql(`create table \`material_lots\` (\`lot_number\` text not null, \`item_code\` text not null, \`quantity\` double not null, \`remaining\` double not null, \`received_at\` datetime not null, constraint \`material_lots_item_code_foreign\` foreign key(\`item_code\`) references \`items\`(\`code\`) on update cascade, primary key (\`lot_number\`));`);
    this.addSql(`create index \`material_lots_item_code_index\` on \`material_lots\` (\`item_code\`);`);

    this.addSql(`create table \`routing_steps\` (\`id\` integer not null primary key autoincrement, \`item_code\` text not null, \`sequence\` integer not null, \`name\` text not null, \`work_center\` text null, \`equipment_type\` text null, \`standard_minutes\` double not null default 0, constraint \`routing_steps_item_code_foreign\` foreign key(\`item_code\`) references \`items\`(\`code\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`routing_steps_item_code_index\` on \`routing_steps\` (\`item_code\`);`);
    this.addSql(`create unique index \`routing_steps_item_code_sequence_unique\` on \`routing_steps\` (\`item_code\`, \`sequence\`);`);

    this.addSql(`create table \`equipment\` (\`code\` text not null, \`name\` text not null, \`type\` text null, \`team_id\` text null, \`status\` text not null default 'running', \`running_minutes\` integer not null default 0, constraint \`equipment_team_id_foreign\` foreign key(\`team_id\`) references \`teams\`(\`id\`) on delete set null on update cascade, primary key (\`code\`));`);
    this.addSql(`create index \`equipment_team_id_index\` on \`equipment\` (\`team_id\`);`);

    this.addSql(`create table \`work_orders\` (\`id\` integer not null primary key autoincrement, \`number\` text not null, \`item_code\` text not null, \`quantity\` integer not null, \`customer\` text null, \`due_date\` text not null, \`priority\` integer not null default 3, \`status\` text not null default 'planned', \`created_at\` datetime not null, \`released_at\` datetime null, \`completed_at\` datetime null, constraint \`work_orders_item_code_foreign\` foreign key(\`item_code\`) references \`items\`(\`code\`) on update cascade);`);
    this.addSql(`create unique index \`work_orders_number_unique\` on \`work_orders\` (\`number\`);`);
    this.addSql(`create index \`work_orders_item_code_index\` on \`work_orders\` (\`item_code\`);`);
    this.addSql(`create index \`work_orders_status_due_date_index\` on \`work_orders\` (\`status\`, \`due_date\`);`);

    this.addSql(`create table \`operation_tasks\` (\`id\` integer not null primary key autoincrement, \`work_order_id\` integer not null, \`sequence\` integer not null, \`name\` text not null, \`planned_quantity\` integer not null, \`standard_minutes\` double not null default 0, \`assignee_id\` text null, \`team_id\` text null, \`equipment_code\` text null, \`status\` text not null default 'pending', \`good_total\` integer not null default 0, \`scrap_total\` integer not null default 0, \`started_at\` datetime null, \`finished_at\` datetime null, \`revision\` integer not null default 0, constraint \`operation_tasks_work_order_id_foreign\` foreign key(\`work_order_id\`) references \`work_orders\`(\`id\`) on delete cascade on update cascade, constraint \`operation_tasks_assignee_id_foreign\` foreign key(\`assignee_id\`) references \`people\`(\`id\`) on delete set null on update cascade, constraint \`operation_tasks_team_id_foreign\` foreign key(\`team_id\`) references \`teams\`(\`id\`) on delete set null on update cascade, constraint \`operation_tasks_equipment_code_foreign\` foreign key(\`equipment_code\`) references \`equipment\`(\`code\`) on delete set null on update cascade);`);
    this.addSql(`create index \`operation_tasks_work_order_id_index\` on \`operation_tasks\` (\`work_order_id\`);`);
    this.addSql(`create index \`operation_tasks_assignee_id_index\` on \`operation_tasks\` (\`assignee_id\`);`);
    this.addSql(`create index \`operation_tasks_team_id_index\` on \`operation_tasks\` (\`team_id\`);`);
    this.addSql(`create index \`operation_tasks_equipment_code_index\` on \`operation_tasks\` (\`equipment_code\`);`);
    this.addSql(`create index \`operation_tasks_assignee_id_status_index\` on \`operation_tasks\` (\`assignee_id\`, \`status\`);`);
    this.addSql(`create index \`operation_tasks_team_id_status_index\` on \`operation_tasks\` (\`team_id\`, \`status\`);`);
    this.addSql(`create unique index \`operation_tasks_work_order_id_sequence_unique\` on \`operation_tasks\` (\`work_order_id\`, \`sequence\`);`);

    this.addSql(`create table \`production_exceptions\` (\`id\` integer not null primary key autoincrement, \`kind\` text not null, \`work_order_id\` integer not null, \`task_id\` integer null, \`reason\` text not null, \`status\` text not null default 'raised', \`raised_by_id\` text not null, \`raised_at\` datetime not null, \`acknowledged_by_id\` text null, \`acknowledged_at\` datetime null, \`closed_by_id\` text null, \`closed_at\` datetime null, constraint \`production_exceptions_work_order_id_foreign\` foreign key(\`work_order_id\`) references \`work_orders\`(\`id\`) on update cascade, constraint \`production_exceptions_task_id_foreign\` foreign key(\`task_id\`) references \`operation_tasks\`(\`id\`) on delete set null on update cascade, constraint \`production_exceptions_raised_by_id_foreign\` foreign key(\`raised_by_id\`) references \`people\`(\`id\`) on update cascade, constraint \`production_exceptions_acknowledged_by_id_foreign\` foreign key(\`acknowledged_by_id\`) references \`people\`(\`id\`) on delete set null on update cascade, constraint \`production_exceptions_closed_by_id_foreign\` foreign key(\`closed_by_id\`) references \`people\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`production_exceptions_work_order_id_index\` on \`production_exceptions\` (\`work_order_id\`);`);
    this.addSql(`create index \`production_exceptions_task_id_index\` on \`production_exceptions\` (\`task_id\`);`);
    this.addSql(`create index \`production_exceptions_raised_by_id_index\` on \`production_exceptions\` (\`raised_by_id\`);`);
    this.addSql(`create index \`production_exceptions_acknowledged_by_id_index\` on \`production_exceptions\` (\`acknowledged_by_id\`);`);
    this.addSql(`create index \`production_exceptions_closed_by_id_index\` on \`production_exceptions\` (\`closed_by_id\`);`);
    this.addSql(`create index \`production_exceptions_status_index\` on \`production_exceptions\` (\`status\`);`);
    this.addSql(`create index \`production_exceptions_raised_at_index\` on \`production_exceptions\` (\`raised_at\`);`);

    this.addSql(`create table \`material_issues\` (\`id\` integer not null primary key autoincrement, \`lot_lot_number\` text not null, \`work_order_id\` integer not null, \`task_id\` integer null, \`quantity\` double not null, \`issued_by_id\` text not null, \`issued_at\` datetime not null, constraint \`material_issues_lot_lot_number_foreign\` foreign key(\`lot_lot_number\`) references \`material_lots\`(\`lot_number\`) on update cascade, constraint \`material_issues_work_order_id_foreign\` foreign key(\`work_order_id\`) references \`work_orders\`(\`id\`) on update cascade, constraint \`material_issues_task_id_foreign\` foreign key(\`task_id\`) references \`operation_tasks\`(\`id\`) on delete set null on update cascade, constraint \`material_issues_issued_by_id_foreign\` foreign key(\`issued_by_id\`) references \`people\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`material_issues_lot_lot_number_index\` on \`material_issues\` (\`lot_lot_number\`);`);
    this.addSql(`create index \`material_issues_work_order_id_index\` on \`material_issues\` (\`work_order_id\`);`);
    this.addSql(`create index \`material_issues_task_id_index\` on \`material_issues\` (\`task_id\`);`);
    this.addSql(`create index \`material_issues_issued_by_id_index\` on \`material_issues\` (\`issued_by_id\`);`);
    this.addSql(`create index \`material_issues_issued_at_index\` on \`material_issues\` (\`issued_at\`);`);

    this.addSql(`create table \`work_reports\` (\`id\` integer not null primary key autoincrement, \`task_id\` integer not null, \`person_id\` text not null, \`reported_at\` datetime not null, \`good\` integer not null, \`scrap\` integer not null, \`equipment_code\` text null, \`minutes\` integer not null, \`channel\` text not null, \`inbound_event_id\` bigint null, \`reverses_id\` integer null, constraint \`work_reports_task_id_foreign\` foreign key(\`task_id\`) references \`operation_tasks\`(\`id\`) on update cascade, constraint \`work_reports_person_id_foreign\` foreign key(\`person_id\`) references \`people\`(\`id\`) on update cascade, constraint \`work_reports_equipment_code_foreign\` foreign key(\`equipment_code\`) references \`equipment\`(\`code\`) on delete set null on update cascade, constraint \`work_reports_reverses_id_foreign\` foreign key(\`reverses_id\`) references \`work_reports\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`work_reports_task_id_index\` on \`work_reports\` (\`task_id\`);`);
    this.addSql(`create index \`work_reports_person_id_index\` on \`work_reports\` (\`person_id\`);`);
    this.addSql(`create index \`work_reports_equipment_code_index\` on \`work_reports\` (\`equipment_code\`);`);
    this.addSql(`create index \`work_reports_reverses_id_index\` on \`work_reports\` (\`reverses_id\`);`);
    this.addSql(`create index \`work_reports_reported_at_index\` on \`work_reports\` (\`reported_at\`);`);

    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(`create table \`audit_log__temp_alter\` (\`id\` integer not null primary key autoincrement, \`at\` datetime not null, \`actor_id\` text null, \`channel\` text not null, \`inbound_event_id\` bigint null, \`action\` text not null, \`subject_type\` text not null, \`subject_id\` text not null, \`details\` json not null);`);
    this.addSql(`insert into \`audit_log__temp_alter\` select \`id\`, \`at\`, \`actor_id\`, \`channel\`, \`inbound_event_id\`, \`action\`, \`subject_type\`, \`subject_id\`, \`details\` from \`audit_log\`;`);
    this.addSql(`drop table \`audit_log\`;`);
    this.addSql(`alter table \`audit_log__temp_alter\` rename to \`audit_log\`;`);
    this.addSql(`create index \`audit_log_subject_type_subject_id_index\` on \`audit_log\` (\`subject_type\`, \`subject_id\`);`);
    this.addSql(`pragma foreign_keys = on;pragma foreign_keys = off;`);
    this.addSql(`create table \`inbound_events__temp_alter\` (\`id\` integer not null primary key autoincrement, \`channel\` text not null, \`platform_message_id\` text not null, \`kind\` text not null, \`sender_id\` text not null, \`person_id\` text null, \`payload\` json not null, \`replies\` json not null, \`received_at\` datetime not null);`);
    this.addSql(`insert into \`inbound_events__temp_alter\` select \`id\`, \`channel\`, \`platform_message_id\`, \`kind\`, \`sender_id\`, \`person_id\`, \`payload\`, \`replies\`, \`received_at\` from \`inbound_events\`;`);
    this.addSql(`drop table \`inbound_events\`;`);
    this.addSql(`alter table \`inbound_events__temp_alter\` rename to \`inbound_events\`;`);
    this.addSql(`create unique index \`inbound_events_channel_platform_message_id_unique\` on \`inbound_events\` (\`channel\`, \`platform_message_id\`);`);
    this.addSql(`pragma foreign_keys = on;pragma foreign_keys = off;`);
    this.addSql(`create table \`outbox_messages__temp_alter\` (\`id\` integer not null primary key autoincrement, \`channel\` text not null, \`recipient_key\` text not null, \`person_id\` text null, \`content\` json not null, \`card_ref\` text null, \`dedupe_key\` text null, \`status\` text not null, \`attempts\` integer not null default 0, \`next_attempt_at\` datetime not null, \`lease_until\` datetime null, \`last_error\` text null, \`created_at\` datetime not null, \`sent_at\` datetime null, \`delivery\` json null);`);
    this.addSql(`insert into \`outbox_messages__temp_alter\` select \`id\`, \`channel\`, \`recipient_key\`, \`person_id\`, \`content\`, \`card_ref\`, \`dedupe_key\`, \`status\`, \`attempts\`, \`next_attempt_at\`, \`lease_until\`, \`last_error\`, \`created_at\`, \`sent_at\`, \`delivery\` from \`outbox_messages\`;`);
    this.addSql(`drop table \`outbox_messages\`;`);
    this.addSql(`alter table \`outbox_messages__temp_alter\` rename to \`outbox_messages\`;`);
    this.addSql(`create unique index \`outbox_messages_dedupe_key_unique\` on \`outbox_messages\` (\`dedupe_key\`);`);
    this.addSql(`create index \`outbox_messages_status_next_attempt_at_index\` on \`outbox_messages\` (\`status\`, \`next_attempt_at\`);`);
    this.addSql(`create index \`outbox_messages_channel_recipient_key_sent_at_index\` on \`outbox_messages\` (\`channel\`, \`recipient_key\`, \`sent_at\`);`);
    this.addSql(`create index \`outbox_messages_card_ref_index\` on \`outbox_messages\` (\`card_ref\`);`);
    this.addSql(`pragma foreign_keys = on;`);
  }

}
