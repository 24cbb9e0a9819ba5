import { Migration } from '../../src/db/migration.js';

export class Migration20261201031129_TicketsDownloadLinks extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`download_links\` (\`id\` integer not null primary key autoincrement, \`token_hash\` text not null, \`kind\` text not null, \`subject\` text not null, \`created_by\` text null, \`created_at\` datetime not null, \`expires_at\` datetime not null);`);
    this.addSql(`create unique index \`download_links_token_hash_unique\` on \`download_links\` (\`token_hash\`);`);
  }

}
