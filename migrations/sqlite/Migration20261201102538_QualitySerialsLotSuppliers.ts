import { Migration } from '../../src/db/migration.js';

export class Migration20261201102538_QualitySerialsLotSuppliers extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`serials\` (\`number\` text not null, \`work_order_id\` integer not null, \`lot\` text not null, \`sequence\` integer null, \`inspection_id\` integer not null, \`source\` text not null, \`created_at\` datetime not null, constraint \`serials_work_order_id_foreign\` foreign key(\`work_order_id\`) references \`work_orders\`(\`id\`) on update cascade, constraint \`serials_inspection_id_foreign\` foreign key(\`inspection_id\`) references \`inspections\`(\`id\`) on delete cascade on update cascade, primary key (\`number\`));`);
    this.addSql(`create index \`serials_work_order_id_index\` on \`serials\` (\`work_order_id\`);`);
    this.addSql(`create index \`serials_inspection_id_index\` on \`serials\` (\`inspection_id\`);`);
    this.addSql(`create index \`serials_work_order_id_sequence_index\` on \`serials\` (\`work_order_id\`, \`sequence\`);`);

    this.addSql(`alter table \`items\` add column \`serialised\` integer not null default false;`);

    this.addSql(`alter table \`material_lots\` add column \`supplier\` text null;`);
  }

}
