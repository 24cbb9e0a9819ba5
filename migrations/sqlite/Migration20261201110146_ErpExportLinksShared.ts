import { Migration } from '../../src/db/migration.js';

export class Migration20261201110146_ErpExportLinksShared extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop index \`erp_export_files_token_hash_unique\`;`);
    this.addSql(`alter table \`erp_export_files\` drop column \`token_hash\`;`);
    this.addSql(`alter table \`erp_export_files\` drop column \`expires_at\`;`);
  }

}
