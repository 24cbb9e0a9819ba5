import { Migration } from '../../src/db/migration.js';

export class Migration20261201032654_OutsourcingQcCounts extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`outsourcing_inspections\` (\`id\` integer not null primary key autoincrement, \`order_id\` integer not null, \`at\` datetime not null, \`inspector_id\` text not null, \`channel\` text not null, \`accepted\` integer not null, \`concession\` integer not null default 0, \`concession_approver_id\` text null, \`rejected\` integer not null default 0, \`rework\` integer not null default 0, \`reason_code\` text null, \`note\` text null, constraint \`outsourcing_inspections_order_id_foreign\` foreign key(\`order_id\`) references \`outsourcing_orders\`(\`id\`) on delete cascade on update cascade, constraint \`outsourcing_inspections_inspector_id_foreign\` foreign key(\`inspector_id\`) references \`people\`(\`id\`) on update cascade, constraint \`outsourcing_inspections_concession_approver_id_foreign\` foreign key(\`concession_approver_id\`) references \`people\`(\`id\`) on delete set null on update cascade);`);
    this.addSql(`create index \`outsourcing_inspections_order_id_index\` on \`outsourcing_inspections\` (\`order_id\`);`);
    this.addSql(`create index \`outsourcing_inspections_inspector_id_index\` on \`outsourcing_inspections\` (\`inspector_id\`);`);
    this.addSql(`create index \`outsourcing_inspections_concession_approver_id_index\` on \`outsourcing_inspections\` (\`concession_approver_id\`);`);
  }

}
