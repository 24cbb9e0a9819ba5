import { Migration } from '../../src/db/migration.js';

export class Migration20261130133015_OrdersMaint extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`maintenance_plans\` add \`required_items\` json null;`);

    this.addSql(`alter table \`production_exceptions\` add \`close_note\` varchar(500) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`production_exceptions\` drop column \`close_note\`;`);

    this.addSql(`alter table \`maintenance_plans\` drop column \`required_items\`;`);
  }

}
