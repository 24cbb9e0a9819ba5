import { Migration } from '../../src/db/migration.js';

export class Migration20261201112444_OperationTaskParameters extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`operation_tasks\` add \`parameters\` json null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`operation_tasks\` drop column \`parameters\`;`);
  }

}
