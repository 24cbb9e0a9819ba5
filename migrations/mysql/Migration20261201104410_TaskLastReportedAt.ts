import { Migration } from '../../src/db/migration.js';

export class Migration20261201104410_TaskLastReportedAt extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`operation_tasks\` add \`last_reported_at\` datetime(3) null;`);
    // Where the next report's minutes start: the latest report (or reversal) of each task so far.
    this.addSql(
      `update \`operation_tasks\` set \`last_reported_at\` = (select max(r.\`reported_at\`) from \`work_reports\` r where r.\`task_id\` = \`operation_tasks\`.\`id\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`operation_tasks\` drop column \`last_reported_at\`;`);
  }

}
