import { Migration } from '../../src/db/migration.js';

export class Migration20261130201702_HApiIdempotencyKeysRoutingSetup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`api_idempotency_keys\` (\`id\` integer not null primary key autoincrement, \`api_key_id\` integer not null, \`route\` text not null, \`idempotency_key\` text not null, \`request_hash\` text not null, \`status\` integer not null, \`body\` json not null, \`created_at\` datetime not null, constraint \`api_idempotency_keys_api_key_id_foreign\` foreign key(\`api_key_id\`) references \`api_keys\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`api_idempotency_keys_api_key_id_index\` on \`api_idempotency_keys\` (\`api_key_id\`);`);
    this.addSql(`create index \`api_idempotency_keys_created_at_index\` on \`api_idempotency_keys\` (\`created_at\`);`);
    this.addSql(`create unique index \`api_idempotency_keys_api_key_id_route_idempotency_key_unique\` on \`api_idempotency_keys\` (\`api_key_id\`, \`route\`, \`idempotency_key\`);`);

    this.addSql(`alter table \`routing_steps\` add column \`setup_minutes\` double not null default 0;`);
  }

}
