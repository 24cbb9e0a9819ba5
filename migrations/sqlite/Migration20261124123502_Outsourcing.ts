import { Migration } from '../../src/db/migration.js';

export class Migration20261124123502_Outsourcing extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`outsourcing_partners\` (\`code\` text not null, \`name\` text not null, \`process\` text not null, \`active\` integer not null default true, \`created_at\` datetime not null, primary key (\`code\`));`);

    this.addSql(`create table \`outsourcing_partner_contacts\` (\`id\` integer not null primary key autoincrement, \`partner_code\` text not null, \`person_id\` text not null, \`primary\` integer not null default false, constraint \`outsourcing_partner_contacts_partner_code_foreign\` foreign key(\`partner_code\`) references \`outsourcing_partners\`(\`code\`) on delete cascade on update cascade, constraint \`outsourcing_partner_contacts_person_id_foreign\` foreign key(\`person_id\`) references \`people\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`outsourcing_partner_contacts_partner_code_index\` on \`outsourcing_partner_contacts\` (\`partner_code\`);`);
    this.addSql(`create index \`outsourcing_partner_contacts_person_id_index\` on \`outsourcing_partner_contacts\` (\`person_id\`);`);
    this.addSql(`create unique index \`outsourcing_partner_contacts_person_id_unique\` on \`outsourcing_partner_contacts\` (\`person_id\`);`);

    this.addSql(`create table \`outsourcing_access_links\` (\`id\` integer not null primary key autoincrement, \`kind\` text not null, \`token_hash\` text not null, \`partner_code\` text null, \`contact_id\` text null, \`created_by\` text null, \`created_at\` datetime not null, \`expires_at\` datetime null, \`revoked_at\` datetime null, constraint \`outsourcing_access_links_partner_code_foreign\` foreign key(\`partner_code\`) references \`outsourcing_partners\`(\`code\`) on delete set null on update cascade, constraint \`outsourcing_access_links_contact_id_foreign\` foreign key(\`contact_id\`) references \`people\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create unique index \`outsourcing_access_links_token_hash_unique\` on \`outsourcing_access_links\` (\`token_hash\`);`);
    this.addSql(`create index \`outsourcing_access_links_partner_code_index\` on \`outsourcing_access_links\` (\`partner_code\`);`);
    this.addSql(`create index \`outsourcing_access_links_contact_id_index\` on \`outsourcing_access_links\` (\`contact_id\`);`);

    this.addSql(`create table \`outsourcing_orders\` (\`id\` integer not null primary key autoincrement, \`number\` text not null, \`customer\` text null, \`product_code\` text not null, \`quantity\` integer not null, \`ship_date\` text not null, \`expected_return_at\` datetime not null, \`actual_return_at\` datetime null, \`returned_quantity\` integer not null default 0, \`qc_result\` text null, \`qc_note\` text null, \`partner_code\` text not null, \`process\` text not null, \`contact_id\` text null, \`coordinator_id\` text null, \`work_order_id\` integer null, \`operation_id\` integer null, \`notes\` text null, \`custom_fields\` json not null, \`state\` text not null, \`state_changed_at\` datetime not null, \`created_at\` datetime not null, constraint \`outsourcing_orders_partner_code_foreign\` foreign key(\`partner_code\`) references \`outsourcing_partners\`(\`code\`) on update cascade, constraint \`outsourcing_orders_contact_id_foreign\` foreign key(\`contact_id\`) references \`people\`(\`id\`) on delete set null on update cascade, constraint \`outsourcing_orders_coordinator_id_foreign\` foreign key(\`coordinator_id\`) references \`people\`(\`id\`) on delete set null on update cascade, constraint \`outsourcing_orders_work_order_id_foreign\` foreign key(\`work_order_id\`) references \`work_orders\`(\`id\`) on delete set null on update cascade, constraint \`outsourcing_orders_operation_id_foreign\` foreign key(\`operation_id\`) references \`operation_tasks\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create unique index \`outsourcing_orders_number_unique\` on \`outsourcing_orders\` (\`number\`);`);
    this.addSql(`create index \`outsourcing_orders_partner_code_index\` on \`outsourcing_orders\` (\`partner_code\`);`);
    this.addSql(`create index \`outsourcing_orders_contact_id_index\` on \`outsourcing_orders\` (\`contact_id\`);`);
    this.addSql(`create index \`outsourcing_orders_coordinator_id_index\` on \`outsourcing_orders\` (\`coordinator_id\`);`);
    this.addSql(`create index \`outsourcing_orders_work_order_id_index\` on \`outsourcing_orders\` (\`work_order_id\`);`);
    this.addSql(`create index \`outsourcing_orders_operation_id_index\` on \`outsourcing_orders\` (\`operation_id\`);`);
    this.addSql(`create index \`outsourcing_orders_state_expected_return_at_index\` on \`outsourcing_orders\` (\`state\`, \`expected_return_at\`);`);
    this.addSql(`create index \`outsourcing_orders_partner_code_state_index\` on \`outsourcing_orders\` (\`partner_code\`, \`state\`);`);

    this.addSql(`create table \`outsourcing_returns\` (\`id\` integer not null primary key autoincrement, \`order_id\` integer not null, \`quantity\` integer not null, \`at\` datetime not null, \`actor_id\` text null, \`channel\` text not null, constraint \`outsourcing_returns_order_id_foreign\` foreign key(\`order_id\`) references \`outsourcing_orders\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`outsourcing_returns_order_id_index\` on \`outsourcing_returns\` (\`order_id\`);`);

    this.addSql(`create table \`outsourcing_state_changes\` (\`id\` integer not null primary key autoincrement, \`order_id\` integer not null, \`from_state\` text null, \`to_state\` text not null, \`at\` datetime not null, \`actor_id\` text null, \`channel\` text not null, \`note\` text null, constraint \`outsourcing_state_changes_order_id_foreign\` foreign key(\`order_id\`) references \`outsourcing_orders\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`outsourcing_state_changes_order_id_index\` on \`outsourcing_state_changes\` (\`order_id\`);`);

    this.addSql(`create table \`outsourcing_reminders\` (\`id\` integer not null primary key autoincrement, \`order_id\` integer not null, \`kind\` text not null, \`due_key\` text not null, \`slot\` integer not null, \`recipients\` json not null, \`created_at\` datetime not null, \`sms_phone\` text null, \`sms_text\` text null, \`sms_params\` json null, \`sms_status\` text null, \`sms_attempts\` integer not null default 0, \`sms_error\` text null, constraint \`outsourcing_reminders_order_id_foreign\` foreign key(\`order_id\`) references \`outsourcing_orders\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`outsourcing_reminders_order_id_index\` on \`outsourcing_reminders\` (\`order_id\`);`);
    this.addSql(`create index \`outsourcing_reminders_sms_status_index\` on \`outsourcing_reminders\` (\`sms_status\`);`);
    this.addSql(`create unique index \`outsourcing_reminders_order_id_kind_due_key_slot_unique\` on \`outsourcing_reminders\` (\`order_id\`, \`kind\`, \`due_key\`, \`slot\`);`);

    this.addSql(`create table \`outsourcing_photos\` (\`id\` integer not null primary key autoincrement, \`order_id\` integer not null, \`state_change_id\` integer null, \`path\` text not null, \`content_type\` text not null, \`bytes\` integer not null, \`uploaded_at\` datetime not null, \`actor_id\` text null, constraint \`outsourcing_photos_order_id_foreign\` foreign key(\`order_id\`) references \`outsourcing_orders\`(\`id\`) on delete cascade on update cascade, constraint \`outsourcing_photos_state_change_id_foreign\` foreign key(\`state_change_id\`) references \`outsourcing_state_changes\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`outsourcing_photos_order_id_index\` on \`outsourcing_photos\` (\`order_id\`);`);
    this.addSql(`create index \`outsourcing_photos_state_change_id_index\` on \`outsourcing_photos\` (\`state_change_id\`);`);
  }

}
