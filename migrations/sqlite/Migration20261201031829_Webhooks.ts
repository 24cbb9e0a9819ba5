import { Migration } from '../../src/db/migration.js';

export class Migration20261201031829_Webhooks extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`webhook_subscriptions\` (\`id\` integer not null primary key autoincrement, \`name\` text not null, \`url\` text not null, \`events\` json not null, \`secret\` text not null, \`source\` text not null, \`active\` integer not null default true, \`created_at\` datetime not null);`);
    this.addSql(`create unique index \`webhook_subscriptions_name_unique\` on \`webhook_subscriptions\` (\`name\`);`);

    this.addSql(`create table \`webhook_deliveries\` (\`id\` integer not null primary key autoincrement, \`subscription_id\` integer not null, \`event_id\` text not null, \`event_type\` text not null, \`record_key\` text not null, \`body\` text not null, \`status\` text not null, \`attempts\` integer not null default 0, \`next_attempt_at\` datetime not null, \`lease_until\` datetime null, \`last_status\` integer null, \`last_error\` text null, \`created_at\` datetime not null, \`delivered_at\` datetime null, constraint \`webhook_deliveries_subscription_id_foreign\` foreign key(\`subscription_id\`) references \`webhook_subscriptions\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`webhook_deliveries_subscription_id_index\` on \`webhook_deliveries\` (\`subscription_id\`);`);
    this.addSql(`create index \`webhook_deliveries_status_next_attempt_at_index\` on \`webhook_deliveries\` (\`status\`, \`next_attempt_at\`);`);
    this.addSql(`create index \`webhook_deliveries_subscription_id_record_key_status_index\` on \`webhook_deliveries\` (\`subscription_id\`, \`record_key\`, \`status\`);`);
  }

}
