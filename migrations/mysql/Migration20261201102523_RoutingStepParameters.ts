import { Migration } from '../../src/db/migration.js';

export class Migration20261201102523_RoutingStepParameters extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`routing_steps\` add \`parameters\` json null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`routing_steps\` drop column \`parameters\`;`);
  }

}
