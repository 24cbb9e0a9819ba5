import { Migration } from '../../src/db/migration.js';

export class Migration20261201115857_InspectionCharacteristics extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`routing_steps\` add column \`characteristics\` json null;`);

    this.addSql(`alter table \`operation_tasks\` add column \`characteristics\` json null;`);

    this.addSql(`alter table \`inspections\` add column \`measurements\` json null;`);
  }

}
