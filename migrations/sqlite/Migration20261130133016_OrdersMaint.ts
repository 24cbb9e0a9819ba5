import { Migration } from '../../src/db/migration.js';

export class Migration20261130133016_OrdersMaint extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`maintenance_plans\` add column \`required_items\` json null;`);

    this.addSql(`alter table \`production_exceptions\` add column \`close_note\` text null;`);
  }

}
