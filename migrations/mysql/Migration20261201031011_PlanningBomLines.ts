import { Migration } from '../../src/db/migration.js';

export class Migration20261201031011_PlanningBomLines extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`bom_lines\` (\`id\` int unsigned not null auto_increment primary key, \`parent_code\` varchar(64) not null, \`component_code\` varchar(64) not null, \`quantity_per\` double not null, \`unit\` varchar(16) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`bom_lines\` add index \`bom_lines_parent_code_index\`(\`parent_code\`);`);
    this.addSql(`alter table \`bom_lines\` add index \`bom_lines_component_code_index\`(\`component_code\`);`);
    this.addSql(`alter table \`bom_lines\` add unique \`bom_lines_parent_code_component_code_unique\`(\`parent_code\`, \`component_code\`);`);

    this.addSql(`alter table \`bom_lines\` add constraint \`bom_lines_parent_code_foreign\` foreign key (\`parent_code\`) references \`items\` (\`code\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`bom_lines\` add constraint \`bom_lines_component_code_foreign\` foreign key (\`component_code\`) references \`items\` (\`code\`) on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`bom_lines\`;`);
  }

}
