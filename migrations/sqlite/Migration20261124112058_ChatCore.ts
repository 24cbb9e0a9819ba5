import { Migration } from '@mikro-orm/migrations';

export class Migration20261124112058_ChatCore extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`audit_log\` (\`id\` integer not null primary key autoincrement, \`at\` datetime not null, \`actor_id\` text null, \`channel\` text not null, \`inbound_event_id\` bigint null, \`action\` text not null, \`subject_type\` text not null, \`subject_id\` text not null, \`details\` json not null);`);
    this.addSql(`create index \`audit_log_subject_type_subject_id_index\` on \`audit_log\` (\`subject_type\`, \`subject_id\`);`);

    this.addSql(`create table \`card_instances\` (\`id\` text not null, \`original_ref\` text not null, \`card_type\` text not null, \`subject_type\` text not null, \`subject_id\` text not null, \`subject_version\` text not null, \`actions\` json not null, \`created_at\` datetime not null, primary key (\`id\`));`);
    this.addSql(`create index \`card_instances_subject_type_subject_id_index\` on \`card_instances\` (\`subject_type\`, \`subject_id\`);`);

    this.addSql(`create table \`inbound_events\` (\`id\` integer not null primary key autoincrement, \`channel\` text not null, \`platform_message_id\` text not null, \`kind\` text not null, \`sender_id\` text not null, \`person_id\` text null, \`payload\` json not null, \`replies\` json not null, \`received_at\` datetime not null);`);
    this.addSql(`create unique index \`inbound_events_channel_platform_message_id_unique\` on \`inbound_events\` (\`channel\`, \`platform_message_id\`);`);

    this.addSql(`create table \`outbox_messages\` (\`id\` integer not null primary key autoincrement, \`channel\` text not null, \`recipient_key\` text not null, \`person_id\` text null, \`content\` json not null, \`card_ref\` text null, \`dedupe_key\` text null, \`status\` text not null, \`attempts\` integer not null default 0, \`next_attempt_at\` datetime not null, \`lease_until\` datetime null, \`last_error\` text null, \`created_at\` datetime not null, \`sent_at\` datetime null, \`delivery\` json null);`);
    this.addSql(`create unique index \`outbox_messages_dedupe_key_unique\` on \`outbox_messages\` (\`dedupe_key\`);`);
    this.addSql(`create index \`outbox_messages_status_next_attempt_at_index\` on \`outbox_messages\` (\`status\`, \`next_attempt_at\`);`);
    this.addSql(`create index \`outbox_messages_channel_recipient_key_sent_at_index\` on \`outbox_messages\` (\`channel\`, \`recipient_key\`, \`sent_at\`);`);
    this.addSql(`create index \`outbox_messages_card_ref_index\` on \`outbox_messages\` (\`card_ref\`);`);

    this.addSql(`create table \`pending_dialogs\` (\`id\` integer not null primary key autoincrement, \`person_id\` text not null, \`conversation_key\` text not null, \`command\` text not null, \`step\` text not null, \`state\` json not null, \`expires_at\` datetime not null);`);
    this.addSql(`create unique index \`pending_dialogs_person_id_conversation_key_unique\` on \`pending_dialogs\` (\`person_id\`, \`conversation_key\`);`);

    this.addSql(`create table \`unknown_senders\` (\`id\` integer not null primary key autoincrement, \`platform\` text not null, \`external_id\` text not null, \`first_seen_at\` datetime not null, \`last_seen_at\` datetime not null, \`messages\` integer not null default 1);`);
    this.addSql(`create unique index \`unknown_senders_platform_external_id_unique\` on \`unknown_senders\` (\`platform\`, \`external_id\`);`);
  }

}
