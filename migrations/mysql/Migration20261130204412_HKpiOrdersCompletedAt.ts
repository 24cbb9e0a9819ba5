import { Migration } from '../../src/db/migration.js';

export class Migration20261130204412_HKpiOrdersCompletedAt extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`work_orders\` add index \`work_orders_completed_at_index\`(\`completed_at\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`work_orders\` drop index \`work_orders_completed_at_index\`;`);
  }

}
