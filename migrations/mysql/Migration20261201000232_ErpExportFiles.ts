import { Migration } from '../../src/db/migration.js';

export class Migration20261201000232_ErpExportFiles extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`erp_export_files\` (\`id\` int unsigned not null auto_increment primary key, \`kind\` varchar(8) not null, \`from_date\` varchar(10) not null, \`to_date\` varchar(10) not null, \`dedupe_key\` varchar(32) null, \`base_name\` varchar(100) not null, \`report_rows\` int not null, \`issue_rows\` int not null, \`token_hash\` varchar(64) null, \`created_by\` varchar(64) null, \`created_at\` datetime(3) not null, \`expires_at\` datetime(3) null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`erp_export_files\` add unique \`erp_export_files_dedupe_key_unique\`(\`dedupe_key\`);`);
    this.addSql(`alter table \`erp_export_files\` add unique \`erp_export_files_token_hash_unique\`(\`token_hash\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`erp_export_files\`;`);
  }

}
