import { Migration } from '../../src/db/migration.js';

export class Migration20261201112445_OperationTaskParameters extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`operation_tasks\` add column \`parameters\` json null;`);
  }

}
