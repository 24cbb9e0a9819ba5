import { Migration } from '../../src/db/migration.js';

export class Migration20261130201702_HApiIdempotencyKeysRoutingSetup extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`api_idempotency_keys\` (\`id\` int unsigned not null auto_increment primary key, \`api_key_id\` int unsigned not null, \`route\` varchar(200) not null, \`idempotency_key\` varchar(128) not null, \`request_hash\` varchar(64) not null, \`status\` int not null, \`body\` json not null, \`created_at\` datetime(3) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`api_idempotency_keys\` add index \`api_idempotency_keys_api_key_id_index\`(\`api_key_id\`);`);
    this.addSql(`alter table \`api_idempotency_keys\` add index \`api_idempotency_keys_created_at_index\`(\`created_at\`);`);
    this.addSql(`alter table \`api_idempotency_keys\` add unique \`api_idempotency_keys_api_key_id_route_idempotency_key_unique\`(\`api_key_id\`, \`route\`, \`idempotency_key\`);`);

    this.addSql(`alter table \`api_idempotency_keys\` add constraint \`api_idempotency_keys_api_key_id_foreign\` foreign key (\`api_key_id\`) references \`api_keys\` (\`id\`) on update cascade on delete cascade;`);

    this.addSql(`alter table \`routing_steps\` add \`setup_minutes\` double not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`api_idempotency_keys\`;`);

    this.addSql(`alter table \`routing_steps\` drop column \`setup_minutes\`;`);
  }

}
