import { Migration } from '@mikro-orm/migrations';

export class Migration20261124112058_ChatCore extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`audit_log\` (\`id\` bigint unsigned not null auto_increment primary key, \`at\` datetime(3) not null, \`actor_id\` varchar(64) null, \`channel\` varchar(16) not null, \`inbound_event_id\` bigint null, \`action\` varchar(64) not null, \`subject_type\` varchar(32) not null, \`subject_id\` varchar(64) not null, \`details\` json not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`audit_log\` add index \`audit_log_subject_type_subject_id_index\`(\`subject_type\`, \`subject_id\`);`);

    this.addSql(`create table \`card_instances\` (\`id\` varchar(24) not null, \`original_ref\` varchar(24) not null, \`card_type\` varchar(32) not null, \`subject_type\` varchar(32) not null, \`subject_id\` varchar(64) not null, \`subject_version\` varchar(64) not null, \`actions\` json not null, \`created_at\` datetime(3) not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`card_instances\` add index \`card_instances_subject_type_subject_id_index\`(\`subject_type\`, \`subject_id\`);`);

    this.addSql(`create table \`inbound_events\` (\`id\` bigint unsigned not null auto_increment primary key, \`channel\` varchar(16) not null, \`platform_message_id\` varchar(191) not null, \`kind\` varchar(16) not null, \`sender_id\` varchar(128) not null, \`person_id\` varchar(64) null, \`payload\` json not null, \`replies\` json not null, \`received_at\` datetime(3) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`inbound_events\` add unique \`inbound_events_channel_platform_message_id_unique\`(\`channel\`, \`platform_message_id\`);`);

    this.addSql(`create table \`outbox_messages\` (\`id\` bigint unsigned not null auto_increment primary key, \`channel\` varchar(16) not null, \`recipient_key\` varchar(191) not null, \`person_id\` varchar(64) null, \`content\` json not null, \`card_ref\` varchar(24) null, \`dedupe_key\` varchar(191) null, \`status\` varchar(8) not null, \`attempts\` int not null default 0, \`next_attempt_at\` datetime(3) not null, \`lease_until\` datetime(3) null, \`last_error\` text null, \`created_at\` datetime(3) not null, \`sent_at\` datetime(3) null, \`delivery\` json null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`outbox_messages\` add unique \`outbox_messages_dedupe_key_unique\`(\`dedupe_key\`);`);
    this.addSql(`alter table \`outbox_messages\` add index \`outbox_messages_status_next_attempt_at_index\`(\`status\`, \`next_attempt_at\`);`);
    this.addSql(`alter table \`outbox_messages\` add index \`outbox_messages_channel_recipient_key_sent_at_index\`(\`channel\`, \`recipient_key\`, \`sent_at\`);`);
    this.addSql(`alter table \`outbox_messages\` add index \`outbox_messages_card_ref_index\`(\`card_ref\`);`);

    this.addSql(`create table \`pending_dialogs\` (\`id\` int unsigned not null auto_increment primary key, \`person_id\` varchar(64) not null, \`conversation_key\` varchar(191) not null, \`command\` varchar(32) not null, \`step\` varchar(32) not null, \`state\` json not null, \`expires_at\` datetime(3) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`pending_dialogs\` add unique \`pending_dialogs_person_id_conversation_key_unique\`(\`person_id\`, \`conversation_key\`);`);

    this.addSql(`create table \`unknown_senders\` (\`id\` int unsigned not null auto_increment primary key, \`platform\` varchar(16) not null, \`external_id\` varchar(128) not null, \`first_seen_at\` datetime(3) not null, \`last_seen_at\` datetime(3) not null, \`messages\` int not null default 1) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`unknown_senders\` add unique \`unknown_senders_platform_external_id_unique\`(\`platform\`, \`external_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`audit_log\`;`);

    this.addSql(`drop table if exists \`card_instances\`;`);

    this.addSql(`drop table if exists \`inbound_events\`;`);

    this.addSql(`drop table if exists \`outbox_messages\`;`);

    this.addSql(`drop table if exists \`pending_dialogs\`;`);

    this.addSql(`drop table if exists \`unknown_senders\`;`);
  }

}
