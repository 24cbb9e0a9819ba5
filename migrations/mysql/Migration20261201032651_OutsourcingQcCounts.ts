import { Migration } from '../../src/db/migration.js';

export class Migration20261201032651_OutsourcingQcCounts extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`outsourcing_inspections\` (\`id\` int unsigned not null auto_increment primary key, \`order_id\` int unsigned not null, \`at\` datetime(3) not null, \`inspector_id\` varchar(64) not null, \`channel\` varchar(16) not null, \`accepted\` int not null, \`concession\` int not null default 0, \`concession_approver_id\` varchar(64) null, \`rejected\` int not null default 0, \`rework\` int not null default 0, \`reason_code\` varchar(16) null, \`note\` varchar(200) null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`outsourcing_inspections\` add index \`outsourcing_inspections_order_id_index\`(\`order_id\`);`);
    this.addSql(`alter table \`outsourcing_inspections\` add index \`outsourcing_inspections_inspector_id_index\`(\`inspector_id\`);`);
    this.addSql(`alter table \`outsourcing_inspections\` add index \`outsourcing_inspections_concession_approver_id_index\`(\`concession_approver_id\`);`);

    this.addSql(`alter table \`outsourcing_inspections\` add constraint \`outsourcing_inspections_order_id_foreign\` foreign key (\`order_id\`) references \`outsourcing_orders\` (\`id\`) on update cascade on delete cascade;`);
    this.addSql(`alter table \`outsourcing_inspections\` add constraint \`outsourcing_inspections_inspector_id_foreign\` foreign key (\`inspector_id\`) references \`people\` (\`id\`) on update cascade;`);
    this.addSql(`alter table \`outsourcing_inspections\` add constraint \`outsourcing_inspections_concession_approver_id_foreign\` foreign key (\`concession_approver_id\`) references \`people\` (\`id\`) on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`outsourcing_inspections\`;`);
  }

}
