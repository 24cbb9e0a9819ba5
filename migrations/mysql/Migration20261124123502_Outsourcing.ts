import { Migration } from '../../src/db/migration.js';

export class Migration20261124123502_Outsourcing extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`outsourcing_partners\` (\`code\` varchar(32) not null, \`name\` varchar(100) not null, \`process\` varchar(64) not null, \`active\` tinyint(1) not null default true, \`created_at\` datetime(3) not null, primary key (\`code\`)) default character set utf8mb4 engine = InnoDB;`);

    this.addSql(`create table \`outsourcing_partner_contacts\` (\`id\` int unsigned not null auto_increment primary key, \`partner_code\` varchar(32) not null, \`person_id\` varchar(64) not null, \`primary\` tinyint(1) not null default false) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`outsourcing_partner_contacts\` add index \`outsourcing_partner_contacts_partner_code_index\`(\`partner_code\`);`);
    this.addSql(`alter table \`outsourcing_partner_contacts\` add index \`outsourcing_partner_contacts_person_id_index\`(\`person_id\`);`);
    this.addSql(`alter table \`outsourcing_partner_contacts\` add unique \`outsourcing_partner_contacts_person_id_unique\`(\`person_id\`);`);

    this.addSql(`create table \`outsourcing_access_links\` (\`id\` int unsigned not null auto_increment primary key, \`kind\` varchar(16) not null, \`token_hash\` varchar(64) not null, \`partner_code\` varchar(32) null, \`contact_id\` varchar(64) null, \`created_by\` varchar(64) null, \`created_at\` datetime(3) not null, \`expires_at\` datetime(3) null, \`revoked_at\` datetime(3) null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`outsourcing_access_links\` add unique \`outsourcing_access_links_token_hash_unique\`(\`token_hash\`);`);
    this.addSql(`alter table \`outsourcing_access_links\` add index \`outsourcing_access_links_partner_code_index\`(\`partner_code\`);`);
    this.addSql(`alter table \`outsourcing_access_links\` add index \`outsourcing_access_links_contact_id_index\`(\`contact_id\`);`);

    this.addSql(`create table \`outsourcing_orders\` (\`id\` int unsigned not null auto_increment primary key, \`number\` varchar(32) not null, \`customer\` varchar(100) null, \`product_code\` varchar(64) not null, \`quantity\` int not null, \`ship_date\` varchar(10) not null, \`expected_return_at\` datetime(3) not null, \`actual_return_at\` datetime(3) null, \`returned_quantity\` int not null default 0, \`qc_result\` varchar(16) null, \`qc_note\` varchar(200) null, \`partner_code\` varchar(32) not null, \`process\` varchar(64) not null, \`contact_id\` varchar(64) null, \`coordinator_id\` varchar(64) null, \`work_order_id\` int unsigned null, \`operation_id\` int unsigned null, \`notes\` text null, \`custom_fields\` json not null, \`state\` varchar(32) not null, \`state_changed_at\` datetime(3) not null, \`created_at\` datetime(3) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`outsourcing_orders\` add unique \`outsourcing_orders_number_unique\`(\`number\`);`);
    this.addSql(`alter table \`outsourcing_orders\` add index \`outsourcing_orders_partner_code_index\`(\`partner_code\`);`);
    this.addSql(`alter table \`outsourcing_orders\` add index \`outsourcing_orders_contact_id_index\`(\`contact_id\`);`);
    this.addSql(`alter table \`outsourcing_orders\` add index \`outsourcing_orders_coordinator_id_index\`(\`coordinator_id\`);`);
    this.addSql(`alter table \`outsourcing_orders\` add index \`outsourcing_orders_work_order_id_index\`(\`work_order_id\`);`);
    this.addSql(`alter table \`outsourcing_orders\` add index \`outsourcing_orders_operation_id_index\`(\`operation_id\`);`);
    this.addSql(`alter table \`outsourcing_orders\` add index \`outsourcing_orders_state_expected_return_at_index\`(\`state\`, \`expected_return_at\`);`);
    this.addSql(`alter table \`outsourcing_orders\` add index \`outsourcing_orders_partner_code_state_index\`(\`partner_code\`, \`state\`);`);

    this.addSql(`create table \`outsourcing_returns\` (\`id\` int unsigned not null auto_increment primary key, \`order_id\` int unsigned not null, \`quantity\` int not null, \`at\` datetime(3) not null, \`actor_id\` varchar(64) null, \`channel\` varchar(16) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`outsourcing_returns\` add index \`outsourcing_returns_order_id_index\`(\`order_id\`);`);

    this.addSql(`create table \`outsourcing_state_changes\` (\`id\` int unsigned not null auto_increment primary key, \`order_id\` int unsigned not null, \`from_state\` varchar(32) null, \`to_state\` varchar(32) not null, \`at\` datetime(3) not null, \`actor_id\` varchar(64) null, \`channel\` varchar(16) not null, \`note\` varchar(200) null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`outsourcing_state_changes\` add index \`outsourcing_state_changes_order_id_index\`(\`order_id\`);`);

    this.addSql(`create table \`outsourcing_reminders\` (\`id\` int unsigned not null auto_increment primary key, \`order_id\` int unsigned not null, \`kind\` varchar(16) not null, \`due_key\` varchar(24) not null, \`slot\` int not null, \`recipients\` json not null, \`created_at\` datetime(3) not null, \`sms_phone\` varchar(32) null, \`sms_text\` varchar(300) null, \`sms_params\` json null, \`sms_status\` varchar(8) null, \`sms_attempts\` int not null default 0, \`sms_error\` varchar(200) null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`outsourcing_reminders\` add index \`outsourcing_reminders_order_id_index\`(\`order_id\`);`);
    this.addSql(`alter table \`outsourcing_reminders\` add index \`outsourcing_reminders_sms_status_index\`(\`sms_status\`);`);
    this.addSql(`alter table \`outsourcing_reminders\` add unique \`outsourcing_reminders_order_id_kind_due_key_slot_unique\`(\`order_id\`, \`kind\`, \`due_key\`, \`slot\`);`);

    this.addSql(`create table \`outsourcing_photos\` (\`id\` int unsigned not null auto_increment primary key, \`order_id\` int unsigned not null, \`state_change_id\` int unsigned null, \`path\` varchar(191) not null, \`content_type\` varchar(32) not null, \`bytes\` int not null, \`uploaded_at\` datetime(3) not null, \`actor_id\` varchar(64) null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`outsourcing_photos\` add index \`outsourcing_photos_order_id_index\`(\`order_id\`);`);
    this.addSql(`alter table \`outsourcing_photos\` add index \`outsourcing_photos_state_change_id_index\`(\`state_change_id\`);`);

    this.addSql(`alter table \`outsourcing_partner_contacts\` add constraint \`outsourcing_partner_contacts_partner_code_foreign\` foreign key (\`partner_code\`) references \`outsourcing_partners\` (\`code\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`outsourcing_partner_contacts\` add constraint \`outsourcing_partner_contacts_person_id_foreign\` foreign key (\`person_id\`) references \`people\` (\`id\`) on update cascade on delete cascade;`);

    this.addSql(`alter table \`outsourcing_access_links\` add constraint \`outsourcing_access_links_partner_code_foreign\` foreign key (\`partner_code\`) references \`outsourcing_partners\` (\`code\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`outsourcing_access_links\` add constraint \`outsourcing_access_links_contact_id_foreign\` foreign key (\`contact_id\`) references \`people\` (\`id\`) on update cascade on delete set null;`);

    this.addSql(`alter table \`outsourcing_orders\` add constraint \`outsourcing_orders_partner_code_foreign\` foreign key (\`partner_code\`) references \`outsourcing_partners\` (\`code\`) on update cascade;`);
    this.addSql(`alter table \`outsourcing_orders\` add constraint \`outsourcing_orders_contact_id_foreign\` foreign key (\`contact_id\`) references \`people\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`outsourcing_orders\` add constraint \`outsourcing_orders_coordinator_id_foreign\` foreign key (\`coordinator_id\`) references \`people\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`outsourcing_orders\` add constraint \`outsourcing_orders_work_order_id_foreign\` foreign key (\`work_order_id\`) references \`work_orders\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`outsourcing_orders\` add constraint \`outsourcing_orders_operation_id_foreign\` foreign key (\`operation_id\`) references \`operation_tasks\` (\`id\`) on update cascade on delete set null;`);

    this.addSql(`alter table \`outsourcing_returns\` add constraint \`outsourcing_returns_order_id_foreign\` foreign key (\`order_id\`) references \`outsourcing_orders\` (\`id\`) on update cascade on delete cascade;`);

    this.addSql(`alter table \`outsourcing_state_changes\` add constraint \`outsourcing_state_changes_order_id_foreign\` foreign key (\`order_id\`) references \`outsourcing_orders\` (\`id\`) on update cascade on delete cascade;`);

    this.addSql(`alter table \`outsourcing_reminders\` add constraint \`outsourcing_reminders_order_id_foreign\` foreign key (\`order_id\`) references \`outsourcing_orders\` (\`id\`) on update cascade on delete cascade;`);

    this.addSql(`alter table \`outsourcing_photos\` add constraint \`outsourcing_photos_order_id_foreign\` foreign key (\`order_id\`) references \`outsourcing_orders\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`outsourcing_photos\` add constraint \`outsourcing_photos_state_change_id_foreign\` foreign key (\`state_change_id\`) references \`outsourcing_state_changes\` (\`id\`) on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`outsourcing_partner_contacts\` drop foreign key \`outsourcing_partner_contacts_partner_code_foreign\`;`);

    this.addSql(`alter table \`outsourcing_access_links\` drop foreign key \`outsourcing_access_links_partner_code_foreign\`;`);

    this.addSql(`alter table \`outsourcing_orders\` drop foreign key \`outsourcing_orders_partner_code_foreign\`;`);

    this.addSql(`alter table \`outsourcing_returns\` drop foreign key \`outsourcing_returns_order_id_foreign\`;`);

    this.addSql(`alter table \`outsourcing_state_changes\` drop foreign key \`outsourcing_state_changes_order_id_foreign\`;`);

    this.addSql(`alter table \`outsourcing_reminders\` drop foreign key \`outsourcing_reminders_order_id_foreign\`;`);

    this.addSql(`alter table \`outsourcing_photos\` drop foreign key \`outsourcing_photos_order_id_foreign\`;`);

    this.addSql(`alter table \`outsourcing_photos\` drop foreign key \`outsourcing_photos_state_change_id_foreign\`;`);

    this.addSql(`drop table if exists \`outsourcing_partners\`;`);

    this.addSql(`drop table if exists \`outsourcing_partner_contacts\`;`);

    this.addSql(`drop table if exists \`outsourcing_access_links\`;`);

    this.addSql(`drop table if exists \`outsourcing_orders\`;`);

    this.addSql(`drop table if exists \`outsourcing_returns\`;`);

    this.addSql(`drop table if exists \`outsourcing_state_changes\`;`);

    this.addSql(`drop table if exists \`outsourcing_reminders\`;`);

    this.addSql(`drop table if exists \`outsourcing_photos\`;`);
  }

}
