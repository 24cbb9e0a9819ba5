import { Migration } from '../../src/db/migration.js';

export class Migration20261201115857_InspectionCharacteristics extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`routing_steps\` add \`characteristics\` json null;`);

    this.addSql(`alter table \`operation_tasks\` add \`characteristics\` json null;`);

    this.addSql(`alter table \`inspections\` add \`measurements\` json null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`inspections\` drop column \`measurements\`;`);

    this.addSql(`alter table \`operation_tasks\` drop column \`characteristics\`;`);

    this.addSql(`alter table \`routing_steps\` drop column \`characteristics\`;`);
  }

}
