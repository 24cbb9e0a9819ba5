import { Migration } from '../../src/db/migration.js';

export class Migration20261201031128_TicketsDownloadLinks extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`download_links\` (\`id\` int unsigned not null auto_increment primary key, \`token_hash\` varchar(64) not null, \`kind\` varchar(32) not null, \`subject\` varchar(512) not null, \`created_by\` varchar(64) null, \`created_at\` datetime(3) not null, \`expires_at\` datetime(3) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`download_links\` add unique \`download_links_token_hash_unique\`(\`token_hash\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`download_links\`;`);
  }

}
