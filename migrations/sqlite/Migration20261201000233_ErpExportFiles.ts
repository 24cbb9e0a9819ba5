import { Migration } from '../../src/db/migration.js';

export class Migration20261201000233_ErpExportFiles extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`erp_export_files\` (\`id\` integer not null primary key autoincrement, \`kind\` text not null, \`from_date\` text not null, \`to_date\` text not null, \`dedupe_key\` text null, \`base_name\` text not null, \`report_rows\` integer not null, \`issue_rows\` integer not null, \`token_hash\` text null, \`created_by\` text null, \`created_at\` datetime not null, \`expires_at\` datetime null);`);
    this.addSql(`create unique index \`erp_export_files_dedupe_key_unique\` on \`erp_export_files\` (\`dedupe_key\`);`);
    this.addSql(`create unique index \`erp_export_files_token_hash_unique\` on \`erp_export_files\` (\`token_hash\`);`);
  }

}
