import { Migration } from '../../src/db/migration.js';

export class Migration20261201102524_RoutingStepParameters extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`routing_steps\` add column \`parameters\` json null;`);
  }

}
