import { Migration } from '../../src/db/migration.js';

export class Migration20261201031825_Webhooks extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`webhook_subscriptions\` (\`id\` int unsigned not null auto_increment primary key, \`name\` varchar(64) not null, \`url\` varchar(500) not null, \`events\` json not null, \`secret\` varchar(200) not null, \`source\` varchar(8) not null, \`active\` tinyint(1) not null default true, \`created_at\` datetime(3) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`webhook_subscriptions\` add unique \`webhook_subscriptions_name_unique\`(\`name\`);`);

    this.addSql(`create table \`webhook_deliveries\` (\`id\` int unsigned not null auto_increment primary key, \`subscription_id\` int unsigned not null, \`event_id\` varchar(36) not null, \`event_type\` varchar(64) not null, \`record_key\` varchar(191) not null, \`body\` text not null, \`status\` varchar(10) not null, \`attempts\` int not null default 0, \`next_attempt_at\` datetime(3) not null, \`lease_until\` datetime(3) null, \`last_status\` int null, \`last_error\` varchar(500) null, \`created_at\` datetime(3) not null, \`delivered_at\` datetime(3) null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`webhook_deliveries\` add index \`webhook_deliveries_subscription_id_index\`(\`subscription_id\`);`);
    this.addSql(`alter table \`webhook_deliveries\` add index \`webhook_deliveries_status_next_attempt_at_index\`(\`status\`, \`next_attempt_at\`);`);
    this.addSql(`alter table \`webhook_deliveries\` add index \`webhook_deliveries_subscription_id_record_key_status_index\`(\`subscription_id\`, \`record_key\`, \`status\`);`);

    this.addSql(`alter table \`webhook_deliveries\` add constraint \`webhook_deliveries_subscription_id_foreign\` foreign key (\`subscription_id\`) references \`webhook_subscriptions\` (\`id\`) on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`webhook_deliveries\` drop foreign key \`webhook_deliveries_subscription_id_foreign\`;`);

    this.addSql(`drop table if exists \`webhook_subscriptions\`;`);

    this.addSql(`drop table if exists \`webhook_deliveries\`;`);
  }

}
