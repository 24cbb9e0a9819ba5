import { Migration } from '../../src/db/migration.js';

export class Migration20261201031013_PlanningBomLines extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`bom_lines\` (\`id\` integer not null primary key autoincrement, \`parent_code\` text not null, \`component_code\` text not null, \`quantity_per\` double not null, \`unit\` text not null, constraint \`bom_lines_parent_code_foreign\` foreign key(\`parent_code\`) references \`items\`(\`code\`) on delete cascade on update cascade, constraint \`bom_lines_component_code_foreign\` foreign key(\`component_code\`) references \`items\`(\`code\`) on update cascade);`);
    this.addSql(`create index \`bom_lines_parent_code_index\` on \`bom_lines\` (\`parent_code\`);`);
    this.addSql(`create index \`bom_lines_component_code_index\` on \`bom_lines\` (\`component_code\`);`);
    this.addSql(`create unique index \`bom_lines_parent_code_component_code_unique\` on \`bom_lines\` (\`parent_code\`, \`component_code\`);`);
  }

}
