import { Migration } from '../../src/db/migration.js';

export class Migration20261201102537_QualitySerialsLotSuppliers extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`serials\` (\`number\` varchar(64) not null, \`work_order_id\` int unsigned not null, \`lot\` varchar(64) not null, \`sequence\` int null, \`inspection_id\` int unsigned not null, \`source\` varchar(16) not null, \`created_at\` datetime(3) not null, primary key (\`number\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`serials\` add index \`serials_work_order_id_index\`(\`work_order_id\`);`);
    this.addSql(`alter table \`serials\` add index \`serials_inspection_id_index\`(\`inspection_id\`);`);
    this.addSql(`alter table \`serials\` add index \`serials_work_order_id_sequence_index\`(\`work_order_id\`, \`sequence\`);`);

    this.addSql(`alter table \`serials\` add constraint \`serials_work_order_id_foreign\` foreign key (\`work_order_id\`) references \`work_orders\` (\`id\`) on update cascade;`);
    this.addSql(`alter table \`serials\` add constraint \`serials_inspection_id_foreign\` foreign key (\`inspection_id\`) references \`inspections\` (\`id\`) on update cascade on delete cascade;`);

    this.addSql(`alter table \`items\` add \`serialised\` tinyint(1) not null default false;`);

    this.addSql(`alter table \`material_lots\` add \`supplier\` varchar(100) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`serials\`;`);

    this.addSql(`alter table \`items\` drop column \`serialised\`;`);

    this.addSql(`alter table \`material_lots\` drop column \`supplier\`;`);
  }

}
