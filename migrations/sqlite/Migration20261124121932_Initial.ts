import { Migration } from '../../src/db/migration.js';

export class Migration20261124121932_Initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`agenda_jobs\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`type\` text not null, \`single_name\` text null, \`priority\` integer not null default 0, \`next_run_at\` datetime null, \`locked_at\` datetime null, \`last_run_at\` datetime null, \`last_finished_at\` datetime null, \`failed_at\` datetime null, \`fail_count\` integer null, \`fail_reason\` text null, \`repeat_interval\` text null, \`repeat_timezone\` text null, \`repeat_at\` text null, \`data\` json null, \`disabled\` integer not null default false, \`progress\` double null, \`fork\` integer not null default false, \`last_modified_by\` text null, \`debounce_started_at\` datetime null, \`start_date\` datetime null, \`end_date\` datetime null, \`skip_days\` json null);`);
    this.addSql(`create unique index \`agenda_jobs_single_name_unique\` on \`agenda_jobs\` (\`single_name\`);`);
    this.addSql(`create index \`agenda_jobs_next_job_index\` on \`agenda_jobs\` (\`name\`, \`disabled\`, \`locked_at\`, \`next_run_at\`, \`priority\` desc);`);

    this.addSql(`create table \`agenda_logs\` (\`id\` integer not null primary key autoincrement, \`occurred_at\` datetime not null, \`level\` text not null, \`event\` text not null, \`job_id\` text null, \`job_name\` text not null, \`message\` text not null, \`duration\` integer null, \`error\` text null, \`fail_count\` integer null, \`retry_delay\` integer null, \`retry_attempt\` integer null, \`agenda_name\` text null, \`meta\` json null);`);
    this.addSql(`create index \`agenda_logs_occurred_at_index\` on \`agenda_logs\` (\`occurred_at\`);`);
    this.addSql(`create index \`agenda_logs_job_id_occurred_at_index\` on \`agenda_logs\` (\`job_id\`, \`occurred_at\`);`);
    this.addSql(`create index \`agenda_logs_job_name_occurred_at_index\` on \`agenda_logs\` (\`job_name\`, \`occurred_at\`);`);

    this.addSql(`create table \`api_keys\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`prefix\` text not null, \`hash\` text not null, \`scopes\` json not null, \`created_at\` datetime not null, \`revoked_at\` datetime null, \`last_used_at\` datetime null);`);
    this.addSql(`create unique index \`api_keys_hash_unique\` on \`api_keys\` (\`hash\`);`);

    this.addSql(`create table \`audit_log\` (\`id\` integer not null primary key autoincrement, \`at\` datetime not null, \`actor_id\` text null, \`channel\` text not null, \`inbound_event_id\` bigint null, \`action\` text not null, \`subject_type\` text not null, \`subject_id\` text not null, \`details\` json not null);`);
    this.addSql(`create index \`audit_log_subject_type_subject_id_index\` on \`audit_log\` (\`subject_type\`, \`subject_id\`);`);

    this.addSql(`create table \`card_instances\` (\`id\` text not null, \`original_ref\` text not null, \`card_type\` text not null, \`subject_type\` text not null, \`subject_id\` text not null, \`subject_version\` text not null, \`actions\` json not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`card_instances_subject_type_subject_id_index\` on \`card_instances\` (\`subject_type\`, \`subject_id\`);`);

    this.addSql(`create table \`dingtalk_call_budgets\` (\`month\` text not null, \`calls\` integer not null default 0, \`noticed_percent\` integer not null default 0, \`updated_at\` datetime not null, primary key (\`month\`));`);

    this.addSql(`create table \`inbound_events\` (\`id\` integer not null primary key autoincrement, \`channel\` text not null, \`platform_message_id\` text not null, \`kind\` text not null, \`sender_id\` text not null, \`person_id\` text null, \`payload\` json not null, \`replies\` json not null, \`received_at\` datetime not null);`);
    this.addSql(`create unique index \`inbound_events_channel_platform_message_id_unique\` on \`inbound_events\` (\`channel\`, \`platform_message_id\`);`);

    this.addSql(`create table \`items\` (\`code\` text not null, \`name\` text not null, \`unit\` text not null default '件', \`kind\` text not null default 'finished', primary key (\`code\`));`);

    this.addSql(`create table \`material_lots\` (\`lot_number\` text not null, \`item_code\` text not null, \`quantity\` double not null, \`remaining\` double not null, \`received_at\` datetime not null, constraint \`material_lots_item_code_foreign\` foreign key(\`item_code\`) references \`items\`(\`code\`) on update cascade, primary key (\`lot_number\`));`);
    this.addSql(`create index \`material_lots_item_code_index\` on \`material_lots\` (\`item_code\`);`);

    this.addSql(`create table \`outbox_messages\` (\`id\` integer not null primary key autoincrement, \`channel\` text not null, \`recipient_key\` text not null, \`person_id\` text null, \`content\` json not null, \`card_ref\` text null, \`dedupe_key\` text null, \`status\` text not null, \`attempts\` integer not null default 0, \`next_attempt_at\` datetime not null, \`lease_until\` datetime null, \`last_error\` text null, \`created_at\` datetime not null, \`sent_at\` datetime null, \`delivery\` json null);`);
    this.addSql(`create unique index \`outbox_messages_dedupe_key_unique\` on \`outbox_messages\` (\`dedupe_key\`);`);
    this.addSql(`create index \`outbox_messages_status_next_attempt_at_index\` on \`outbox_messages\` (\`status\`, \`next_attempt_at\`);`);
    this.addSql(`create index \`outbox_messages_channel_recipient_key_sent_at_index\` on \`outbox_messages\` (\`channel\`, \`recipient_key\`, \`sent_at\`);`);
    this.addSql(`create index \`outbox_messages_card_ref_index\` on \`outbox_messages\` (\`card_ref\`);`);

    this.addSql(`create table \`pending_dialogs\` (\`id\` integer not null primary key autoincrement, \`person_id\` text not null, \`conversation_key\` text not null, \`command\` text not null, \`step\` text not null, \`state\` json not null, \`expires_at\` datetime not null);`);
    this.addSql(`create unique index \`pending_dialogs_person_id_conversation_key_unique\` on \`pending_dialogs\` (\`person_id\`, \`conversation_key\`);`);

    this.addSql(`create table \`routing_steps\` (\`id\` integer not null primary key autoincrement, \`item_code\` text not null, \`sequence\` integer not null, \`name\` text not null, \`work_center\` text null, \`equipment_type\` text null, \`standard_minutes\` double not null default 0, constraint \`routing_steps_item_code_foreign\` foreign key(\`item_code\`) references \`items\`(\`code\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`routing_steps_item_code_index\` on \`routing_steps\` (\`item_code\`);`);
    this.addSql(`create unique index \`routing_steps_item_code_sequence_unique\` on \`routing_steps\` (\`item_code\`, \`sequence\`);`);

    this.addSql(`create table \`teams\` (\`id\` text not null, \`name\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);

    this.addSql(`create table \`people\` (\`id\` text not null, \`name\` text not null, \`roles\` json not null, \`team_id\` text null, \`phone\` text null, \`active\` integer not null default true, \`created_at\` datetime not null, constraint \`people_team_id_foreign\` foreign key(\`team_id\`) references \`teams\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`people_team_id_index\` on \`people\` (\`team_id\`);`);

    this.addSql(`create table \`channel_identities\` (\`id\` integer not null primary key autoincrement, \`platform\` text not null, \`external_id\` text not null, \`person_id\` text not null, constraint \`channel_identities_person_id_foreign\` foreign key(\`person_id\`) references \`people\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`channel_identities_person_id_index\` on \`channel_identities\` (\`person_id\`);`);
    this.addSql(`create unique index \`channel_identities_platform_external_id_unique\` on \`channel_identities\` (\`platform\`, \`external_id\`);`);

    this.addSql(`create table \`group_bindings\` (\`id\` integer not null primary key autoincrement, \`channel\` text not null, \`chat_id\` text not null, \`team_id\` text not null, constraint \`group_bindings_team_id_foreign\` foreign key(\`team_id\`) references \`teams\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`group_bindings_team_id_index\` on \`group_bindings\` (\`team_id\`);`);
    this.addSql(`create unique index \`group_bindings_channel_chat_id_unique\` on \`group_bindings\` (\`channel\`, \`chat_id\`);`);

    this.addSql(`create table \`equipment\` (\`code\` text not null, \`name\` text not null, \`type\` text null, \`team_id\` text null, \`status\` text not null default 'running', \`running_minutes\` integer not null default 0, constraint \`equipment_team_id_foreign\` foreign key(\`team_id\`) references \`teams\`(\`id\`) on delete set null on update cascade, primary key (\`code\`));`);
    this.addSql(`create index \`equipment_team_id_index\` on \`equipment\` (\`team_id\`);`);

    this.addSql(`create table \`unknown_senders\` (\`id\` integer not null primary key autoincrement, \`platform\` text not null, \`external_id\` text not null, \`first_seen_at\` datetime not null, \`last_seen_at\` datetime not null, \`messages\` integer not null default 1);`);
    this.addSql(`create unique index \`unknown_senders_platform_external_id_unique\` on \`unknown_senders\` (\`platform\`, \`external_id\`);`);

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
  }

}
