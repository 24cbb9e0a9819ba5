import { Migration } from '../../src/db/migration.js';

export class Migration20261124121932_Initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`agenda_jobs\` (\`id\` int unsigned not null auto_increment primary key, \`name\` varchar(191) not null, \`type\` varchar(8) not null, \`single_name\` varchar(191) null, \`priority\` int not null default 0, \`next_run_at\` datetime(3) null, \`locked_at\` datetime(3) null, \`last_run_at\` datetime(3) null, \`last_finished_at\` datetime(3) null, \`failed_at\` datetime(3) null, \`fail_count\` int null, \`fail_reason\` text null, \`repeat_interval\` varchar(255) null, \`repeat_timezone\` varchar(64) null, \`repeat_at\` varchar(255) null, \`data\` json null, \`disabled\` tinyint(1) not null default false, \`progress\` double null, \`fork\` tinyint(1) not null default false, \`last_modified_by\` varchar(191) null, \`debounce_started_at\` datetime(3) null, \`start_date\` datetime(3) null, \`end_date\` datetime(3) null, \`skip_days\` json null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`agenda_jobs\` add unique \`agenda_jobs_single_name_unique\`(\`single_name\`);`);
    this.addSql(`create index \`agenda_jobs_next_job_index\` on \`agenda_jobs\` (\`name\`, \`disabled\`, \`locked_at\`, \`next_run_at\`, \`priority\` desc);`);

    this.addSql(`create table \`agenda_logs\` (\`id\` int unsigned not null auto_increment primary key, \`occurred_at\` datetime(3) not null, \`level\` varchar(8) not null, \`event\` varchar(32) not null, \`job_id\` varchar(64) null, \`job_name\` varchar(191) not null, \`message\` text not null, \`duration\` int null, \`error\` text null, \`fail_count\` int null, \`retry_delay\` int null, \`retry_attempt\` int null, \`agenda_name\` varchar(191) null, \`meta\` json null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`agenda_logs\` add index \`agenda_logs_occurred_at_index\`(\`occurred_at\`);`);
    this.addSql(`alter table \`agenda_logs\` add index \`agenda_logs_job_id_occurred_at_index\`(\`job_id\`, \`occurred_at\`);`);
    this.addSql(`alter table \`agenda_logs\` add index \`agenda_logs_job_name_occurred_at_index\`(\`job_name\`, \`occurred_at\`);`);

    this.addSql(`create table \`api_keys\` (\`id\` int unsigned not null auto_increment primary key, \`name\` varchar(100) not null, \`prefix\` varchar(12) not null, \`hash\` varchar(64) not null, \`scopes\` json not null, \`created_at\` datetime(3) not null, \`revoked_at\` datetime(3) null, \`last_used_at\` datetime(3) null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`api_keys\` add unique \`api_keys_hash_unique\`(\`hash\`);`);

    this.addSql(`create table \`audit_log\` (\`id\` int unsigned not null auto_increment primary key, \`at\` datetime(3) not null, \`actor_id\` varchar(64) null, \`channel\` varchar(16) not null, \`inbound_event_id\` bigint null, \`action\` varchar(64) not null, \`subject_type\` varchar(32) not null, \`subject_id\` varchar(64) not null, \`details\` json not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`audit_log\` add index \`audit_log_subject_type_subject_id_index\`(\`subject_type\`, \`subject_id\`);`);

    this.addSql(`create table \`card_instances\` (\`id\` varchar(24) not null, \`original_ref\` varchar(24) not null, \`card_type\` varchar(32) not null, \`subject_type\` varchar(32) not null, \`subject_id\` varchar(64) not null, \`subject_version\` varchar(64) not null, \`actions\` json not null, \`created_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`card_instances\` add index \`card_instances_subject_type_subject_id_index\`(\`subject_type\`, \`subject_id\`);`);

    this.addSql(`create table \`dingtalk_call_budgets\` (\`month\` varchar(7) not null, \`calls\` int not null default 0, \`noticed_percent\` int not null default 0, \`updated_at\` datetime(3) not null, primary key (\`month\`)) default character set utf8mb4 engine = InnoDB;`);

    this.addSql(`create table \`inbound_events\` (\`id\` int unsigned not null auto_increment primary key, \`channel\` varchar(16) not null, \`platform_message_id\` varchar(191) not null, \`kind\` varchar(16) not null, \`sender_id\` varchar(128) not null, \`person_id\` varchar(64) null, \`payload\` json not null, \`replies\` json not null, \`received_at\` datetime(3) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`inbound_events\` add unique \`inbound_events_channel_platform_message_id_unique\`(\`channel\`, \`platform_message_id\`);`);

    this.addSql(`create table \`items\` (\`code\` varchar(64) not null, \`name\` varchar(200) not null, \`unit\` varchar(16) not null default '件', \`kind\` varchar(16) not null default 'finished', primary key (\`code\`)) default character set utf8mb4 engine = InnoDB;`);

    this.addSql(`create table \`material_lots\` (\`lot_number\` varchar(64) not null, \`item_code\` varchar(64) not null, \`quantity\` double not null, \`remaining\` double not null, \`received_at\` datetime(3) not null, primary key (\`lot_number\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`material_lots\` add index \`material_lots_item_code_index\`(\`item_code\`);`);

    this.addSql(`create table \`outbox_messages\` (\`id\` int unsigned not null auto_increment primary key, \`channel\` varchar(16) not null, \`recipient_key\` varchar(191) not null, \`person_id\` varchar(64) null, \`content\` json not null, \`card_ref\` varchar(24) null, \`dedupe_key\` varchar(191) null, \`status\` varchar(8) not null, \`attempts\` int not null default 0, \`next_attempt_at\` datetime(3) not null, \`lease_until\` datetime(3) null, \`last_error\` text null, \`created_at\` datetime(3) not null, \`sent_at\` datetime(3) null, \`delivery\` json null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`outbox_messages\` add unique \`outbox_messages_dedupe_key_unique\`(\`dedupe_key\`);`);
    this.addSql(`alter table \`outbox_messages\` add index \`outbox_messages_status_next_attempt_at_index\`(\`status\`, \`next_attempt_at\`);`);
    this.addSql(`alter table \`outbox_messages\` add index \`outbox_messages_channel_recipient_key_sent_at_index\`(\`channel\`, \`recipient_key\`, \`sent_at\`);`);
    this.addSql(`alter table \`outbox_messages\` add index \`outbox_messages_card_ref_index\`(\`card_ref\`);`);

    this.addSql(`create table \`pending_dialogs\` (\`id\` int unsigned not null auto_increment primary key, \`person_id\` varchar(64) not null, \`conversation_key\` varchar(191) not null, \`command\` varchar(32) not null, \`step\` varchar(32) not null, \`state\` json not null, \`expires_at\` datetime(3) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`pending_dialogs\` add unique \`pending_dialogs_person_id_conversation_key_unique\`(\`person_id\`, \`conversation_key\`);`);

    this.addSql(`create table \`routing_steps\` (\`id\` int unsigned not null auto_increment primary key, \`item_code\` varchar(64) not null, \`sequence\` int not null, \`name\` varchar(64) not null, \`work_center\` varchar(64) null, \`equipment_type\` varchar(64) null, \`standard_minutes\` double not null default 0) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`routing_steps\` add index \`routing_steps_item_code_index\`(\`item_code\`);`);
    this.addSql(`alter table \`routing_steps\` add unique \`routing_steps_item_code_sequence_unique\`(\`item_code\`, \`sequence\`);`);

    this.addSql(`create table \`teams\` (\`id\` varchar(64) not null, \`name\` varchar(100) not null, \`created_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);

    this.addSql(`create table \`people\` (\`id\` varchar(64) not null, \`name\` varchar(100) not null, \`roles\` json not null, \`team_id\` varchar(64) null, \`phone\` varchar(32) null, \`active\` tinyint(1) not null default true, \`created_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`people\` add index \`people_team_id_index\`(\`team_id\`);`);

    this.addSql(`create table \`channel_identities\` (\`id\` int unsigned not null auto_increment primary key, \`platform\` varchar(16) not null, \`external_id\` varchar(128) not null, \`person_id\` varchar(64) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`channel_identities\` add index \`channel_identities_person_id_index\`(\`person_id\`);`);
    this.addSql(`alter table \`channel_identities\` add unique \`channel_identities_platform_external_id_unique\`(\`platform\`, \`external_id\`);`);

    this.addSql(`create table \`group_bindings\` (\`id\` int unsigned not null auto_increment primary key, \`channel\` varchar(16) not null, \`chat_id\` varchar(128) not null, \`team_id\` varchar(64) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`group_bindings\` add index \`group_bindings_team_id_index\`(\`team_id\`);`);
    this.addSql(`alter table \`group_bindings\` add unique \`group_bindings_channel_chat_id_unique\`(\`channel\`, \`chat_id\`);`);

    this.addSql(`create table \`equipment\` (\`code\` varchar(32) not null, \`name\` varchar(100) not null, \`type\` varchar(64) null, \`team_id\` varchar(64) null, \`status\` varchar(16) not null default 'running', \`running_minutes\` int not null default 0, primary key (\`code\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`equipment\` add index \`equipment_team_id_index\`(\`team_id\`);`);

    this.addSql(`create table \`unknown_senders\` (\`id\` int unsigned not null auto_increment primary key, \`platform\` varchar(16) not null, \`external_id\` varchar(128) not null, \`first_seen_at\` datetime(3) not null, \`last_seen_at\` datetime(3) not null, \`messages\` int not null default 1) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`unknown_senders\` add unique \`unknown_senders_platform_external_id_unique\`(\`platform\`, \`external_id\`);`);

    this.addSql(`create table \`work_orders\` (\`id\` int unsigned not null auto_increment primary key, \`number\` varchar(32) not null, \`item_code\` varchar(64) not null, \`quantity\` int not null, \`customer\` varchar(100) null, \`due_date\` varchar(10) not null, \`priority\` int not null default 3, \`status\` varchar(16) not null default 'planned', \`created_at\` datetime(3) not null, \`released_at\` datetime(3) null, \`completed_at\` datetime(3) null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`work_orders\` add unique \`work_orders_number_unique\`(\`number\`);`);
    this.addSql(`alter table \`work_orders\` add index \`work_orders_item_code_index\`(\`item_code\`);`);
    this.addSql(`alter table \`work_orders\` add index \`work_orders_status_due_date_index\`(\`status\`, \`due_date\`);`);

    this.addSql(`create table \`operation_tasks\` (\`id\` int unsigned not null auto_increment primary key, \`work_order_id\` int unsigned not null, \`sequence\` int not null, \`name\` varchar(64) not null, \`planned_quantity\` int not null, \`standard_minutes\` double not null default 0, \`assignee_id\` varchar(64) null, \`team_id\` varchar(64) null, \`equipment_code\` varchar(32) null, \`status\` varchar(16) not null default 'pending', \`good_total\` int not null default 0, \`scrap_total\` int not null default 0, \`started_at\` datetime(3) null, \`finished_at\` datetime(3) null, \`revision\` int not null default 0) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`operation_tasks\` add index \`operation_tasks_work_order_id_index\`(\`work_order_id\`);`);
    this.addSql(`alter table \`operation_tasks\` add index \`operation_tasks_assignee_id_index\`(\`assignee_id\`);`);
    this.addSql(`alter table \`operation_tasks\` add index \`operation_tasks_team_id_index\`(\`team_id\`);`);
    this.addSql(`alter table \`operation_tasks\` add index \`operation_tasks_equipment_code_index\`(\`equipment_code\`);`);
    this.addSql(`alter table \`operation_tasks\` add index \`operation_tasks_assignee_id_status_index\`(\`assignee_id\`, \`status\`);`);
    this.addSql(`alter table \`operation_tasks\` add index \`operation_tasks_team_id_status_index\`(\`team_id\`, \`status\`);`);
    this.addSql(`alter table \`operation_tasks\` add unique \`operation_tasks_work_order_id_sequence_unique\`(\`work_order_id\`, \`sequence\`);`);

    this.addSql(`create table \`production_exceptions\` (\`id\` int unsigned not null auto_increment primary key, \`kind\` varchar(16) not null, \`work_order_id\` int unsigned not null, \`task_id\` int unsigned null, \`reason\` varchar(500) not null, \`status\` varchar(16) not null default 'raised', \`raised_by_id\` varchar(64) not null, \`raised_at\` datetime(3) not null, \`acknowledged_by_id\` varchar(64) null, \`acknowledged_at\` datetime(3) null, \`closed_by_id\` varchar(64) null, \`closed_at\` datetime(3) null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`production_exceptions\` add index \`production_exceptions_work_order_id_index\`(\`work_order_id\`);`);
    this.addSql(`alter table \`production_exceptions\` add index \`production_exceptions_task_id_index\`(\`task_id\`);`);
    this.addSql(`alter table \`production_exceptions\` add index \`production_exceptions_raised_by_id_index\`(\`raised_by_id\`);`);
    this.addSql(`alter table \`production_exceptions\` add index \`production_exceptions_acknowledged_by_id_index\`(\`acknowledged_by_id\`);`);
    this.addSql(`alter table \`production_exceptions\` add index \`production_exceptions_closed_by_id_index\`(\`closed_by_id\`);`);
    this.addSql(`alter table \`production_exceptions\` add index \`production_exceptions_status_index\`(\`status\`);`);
    this.addSql(`alter table \`production_exceptions\` add index \`production_exceptions_raised_at_index\`(\`raised_at\`);`);

    this.addSql(`create table \`material_issues\` (\`id\` int unsigned not null auto_increment primary key, \`lot_lot_number\` varchar(64) not null, \`work_order_id\` int unsigned not null, \`task_id\` int unsigned null, \`quantity\` double not null, \`issued_by_id\` varchar(64) not null, \`issued_at\` datetime(3) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`material_issues\` add index \`material_issues_lot_lot_number_index\`(\`lot_lot_number\`);`);
    this.addSql(`alter table \`material_issues\` add index \`material_issues_work_order_id_index\`(\`work_order_id\`);`);
    this.addSql(`alter table \`material_issues\` add index \`material_issues_task_id_index\`(\`task_id\`);`);
    this.addSql(`alter table \`material_issues\` add index \`material_issues_issued_by_id_index\`(\`issued_by_id\`);`);
    this.addSql(`alter table \`material_issues\` add index \`material_issues_issued_at_index\`(\`issued_at\`);`);

    this.addSql(`create table \`work_reports\` (\`id\` int unsigned not null auto_increment primary key, \`task_id\` int unsigned not null, \`person_id\` varchar(64) not null, \`reported_at\` datetime(3) not null, \`good\` int not null, \`scrap\` int not null, \`equipment_code\` varchar(32) null, \`minutes\` int not null, \`channel\` varchar(16) not null, \`inbound_event_id\` bigint null, \`reverses_id\` int unsigned null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`work_reports\` add index \`work_reports_task_id_index\`(\`task_id\`);`);
    this.addSql(`alter table \`work_reports\` add index \`work_reports_person_id_index\`(\`person_id\`);`);
    this.addSql(`alter table \`work_reports\` add index \`work_reports_equipment_code_index\`(\`equipment_code\`);`);
    this.addSql(`alter table \`work_reports\` add index \`work_reports_reverses_id_index\`(\`reverses_id\`);`);
    this.addSql(`alter table \`work_reports\` add index \`work_reports_reported_at_index\`(\`reported_at\`);`);

    this.addSql(`alter table \`material_lots\` add constraint \`material_lots_item_code_foreign\` foreign key (\`item_code\`) references \`items\` (\`code\`) on update cascade;`);

    this.addSql(`alter table \`routing_steps\` add constraint \`routing_steps_item_code_foreign\` foreign key (\`item_code\`) references \`items\` (\`code\`) on update cascade on delete cascade;`);

    this.addSql(`alter table \`people\` add constraint \`people_team_id_foreign\` foreign key (\`team_id\`) references \`teams\` (\`id\`) on update cascade on delete set null;`);

    this.addSql(`alter table \`channel_identities\` add constraint \`channel_identities_person_id_foreign\` foreign key (\`person_id\`) references \`people\` (\`id\`) on update cascade on delete cascade;`);

    this.addSql(`alter table \`group_bindings\` add constraint \`group_bindings_team_id_foreign\` foreign key (\`team_id\`) references \`teams\` (\`id\`) on update cascade on delete cascade;`);

    this.addSql(`alter table \`equipment\` add constraint \`equipment_team_id_foreign\` foreign key (\`team_id\`) references \`teams\` (\`id\`) on update cascade on delete set null;`);

    this.addSql(`alter table \`work_orders\` add constraint \`work_orders_item_code_foreign\` foreign key (\`item_code\`) references \`items\` (\`code\`) on update cascade;`);

    this.addSql(`alter table \`operation_tasks\` add constraint \`operation_tasks_work_order_id_foreign\` foreign key (\`work_order_id\`) references \`work_orders\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`operation_tasks\` add constraint \`operation_tasks_assignee_id_foreign\` foreign key (\`assignee_id\`) references \`people\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`operation_tasks\` add constraint \`operation_tasks_team_id_foreign\` foreign key (\`team_id\`) references \`teams\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`operation_tasks\` add constraint \`operation_tasks_equipment_code_foreign\` foreign key (\`equipment_code\`) references \`equipment\` (\`code\`) on update cascade on delete set null;`);

    this.addSql(`alter table \`production_exceptions\` add constraint \`production_exceptions_work_order_id_foreign\` foreign key (\`work_order_id\`) references \`work_orders\` (\`id\`) on update cascade;`);
    this.addSql(`alter table \`production_exceptions\` add constraint \`production_exceptions_task_id_foreign\` foreign key (\`task_id\`) references \`operation_tasks\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`production_exceptions\` add constraint \`production_exceptions_raised_by_id_foreign\` foreign key (\`raised_by_id\`) references \`people\` (\`id\`) on update cascade;`);
    this.addSql(`alter table \`production_exceptions\` add constraint \`production_exceptions_acknowledged_by_id_foreign\` foreign key (\`acknowledged_by_id\`) references \`people\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`production_exceptions\` add constraint \`production_exceptions_closed_by_id_foreign\` foreign key (\`closed_by_id\`) references \`people\` (\`id\`) on update cascade on delete set null;`);

    this.addSql(`alter table \`material_issues\` add constraint \`material_issues_lot_lot_number_foreign\` foreign key (\`lot_lot_number\`) references \`material_lots\` (\`lot_number\`) on update cascade;`);
    this.addSql(`alter table \`material_issues\` add constraint \`material_issues_work_order_id_foreign\` foreign key (\`work_order_id\`) references \`work_orders\` (\`id\`) on update cascade;`);
    this.addSql(`alter table \`material_issues\` add constraint \`material_issues_task_id_foreign\` foreign key (\`task_id\`) references \`operation_tasks\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`material_issues\` add constraint \`material_issues_issued_by_id_foreign\` foreign key (\`issued_by_id\`) references \`people\` (\`id\`) on update cascade;`);

    this.addSql(`alter table \`work_reports\` add constraint \`work_reports_task_id_foreign\` foreign key (\`task_id\`) references \`operation_tasks\` (\`id\`) on update cascade;`);
    this.addSql(`alter table \`work_reports\` add constraint \`work_reports_person_id_foreign\` foreign key (\`person_id\`) references \`people\` (\`id\`) on update cascade;`);
    this.addSql(`alter table \`work_reports\` add constraint \`work_reports_equipment_code_foreign\` foreign key (\`equipment_code\`) references \`equipment\` (\`code\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`work_reports\` add constraint \`work_reports_reverses_id_foreign\` foreign key (\`reverses_id\`) references \`work_reports\` (\`id\`) on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`material_lots\` drop foreign key \`material_lots_item_code_foreign\`;`);

    this.addSql(`alter table \`routing_steps\` drop foreign key \`routing_steps_item_code_foreign\`;`);

    this.addSql(`alter table \`work_orders\` drop foreign key \`work_orders_item_code_foreign\`;`);

    this.addSql(`alter table \`material_issues\` drop foreign key \`material_issues_lot_lot_number_foreign\`;`);

    this.addSql(`alter table \`people\` drop foreign key \`people_team_id_foreign\`;`);

    this.addSql(`alter table \`group_bindings\` drop foreign key \`group_bindings_team_id_foreign\`;`);

    this.addSql(`alter table \`equipment\` drop foreign key \`equipment_team_id_foreign\`;`);

    this.addSql(`alter table \`operation_tasks\` drop foreign key \`operation_tasks_team_id_foreign\`;`);

    this.addSql(`alter table \`channel_identities\` drop foreign key \`channel_identities_person_id_foreign\`;`);

    this.addSql(`alter table \`operation_tasks\` drop foreign key \`operation_tasks_assignee_id_foreign\`;`);

    this.addSql(`alter table \`production_exceptions\` drop foreign key \`production_exceptions_raised_by_id_foreign\`;`);

    this.addSql(`alter table \`production_exceptions\` drop foreign key \`production_exceptions_acknowledged_by_id_foreign\`;`);

    this.addSql(`alter table \`production_exceptions\` drop foreign key \`production_exceptions_closed_by_id_foreign\`;`);

    this.addSql(`alter table \`material_issues\` drop foreign key \`material_issues_issued_by_id_foreign\`;`);

    this.addSql(`alter table \`work_reports\` drop foreign key \`work_reports_person_id_foreign\`;`);

    this.addSql(`alter table \`operation_tasks\` drop foreign key \`operation_tasks_equipment_code_foreign\`;`);

    this.addSql(`alter table \`work_reports\` drop foreign key \`work_reports_equipment_code_foreign\`;`);

    this.addSql(`alter table \`operation_tasks\` drop foreign key \`operation_tasks_work_order_id_foreign\`;`);

    this.addSql(`alter table \`production_exceptions\` drop foreign key \`production_exceptions_work_order_id_foreign\`;`);

    this.addSql(`alter table \`material_issues\` drop foreign key \`material_issues_work_order_id_foreign\`;`);

    this.addSql(`alter table \`production_exceptions\` drop foreign key \`production_exceptions_task_id_foreign\`;`);

    this.addSql(`alter table \`material_issues\` drop foreign key \`material_issues_task_id_foreign\`;`);

    this.addSql(`alter table \`work_reports\` drop foreign key \`work_reports_task_id_foreign\`;`);

    this.addSql(`alter table \`work_reports\` drop foreign key \`work_reports_reverses_id_foreign\`;`);

    this.addSql(`drop table if exists \`agenda_jobs\`;`);

    this.addSql(`drop table if exists \`agenda_logs\`;`);

    this.addSql(`drop table if exists \`api_keys\`;`);

    this.addSql(`drop table if exists \`audit_log\`;`);

    this.addSql(`drop table if exists \`card_instances\`;`);

    this.addSql(`drop table if exists \`dingtalk_call_budgets\`;`);

    this.addSql(`drop table if exists \`inbound_events\`;`);

    this.addSql(`drop table if exists \`items\`;`);

    this.addSql(`drop table if exists \`material_lots\`;`);

    this.addSql(`drop table if exists \`outbox_messages\`;`);

    this.addSql(`drop table if exists \`pending_dialogs\`;`);

    this.addSql(`drop table if exists \`routing_steps\`;`);

    this.addSql(`drop table if exists \`teams\`;`);

    this.addSql(`drop table if exists \`people\`;`);

    this.addSql(`drop table if exists \`channel_identities\`;`);

    this.addSql(`drop table if exists \`group_bindings\`;`);

    this.addSql(`drop table if exists \`equipment\`;`);

    this.addSql(`drop table if exists \`unknown_senders\`;`);

    this.addSql(`drop table if exists \`work_orders\`;`);

    this.addSql(`drop table if exists \`operation_tasks\`;`);

    this.addSql(`drop table if exists \`production_exceptions\`;`);

    this.addSql(`drop table if exists \`material_issues\`;`);

    this.addSql(`drop table if exists \`work_reports\`;`);
  }

}
