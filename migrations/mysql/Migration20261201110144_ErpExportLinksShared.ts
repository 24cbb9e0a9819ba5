import { Migration } from '../../src/db/migration.js';

export class Migration20261201110144_ErpExportLinksShared extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`erp_export_files\` drop index \`erp_export_files_token_hash_unique\`;`);
    this.addSql(`alter table \`erp_export_files\` drop column \`token_hash\`, drop column \`expires_at\`;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`erp_export_files\` add \`token_hash\` varchar(64) null, add \`expires_at\` datetime(3) null;`);
    this.addSql(`alter table \`erp_export_files\` add unique \`erp_export_files_token_hash_unique\`(\`token_hash\`);`);
  }

}
