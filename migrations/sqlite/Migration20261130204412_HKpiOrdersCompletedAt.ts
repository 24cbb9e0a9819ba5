import { Migration } from '../../src/db/migration.js';

export class Migration20261130204412_HKpiOrdersCompletedAt extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create index \`work_orders_completed_at_index\` on \`work_orders\` (\`completed_at\`);`);
  }

}
