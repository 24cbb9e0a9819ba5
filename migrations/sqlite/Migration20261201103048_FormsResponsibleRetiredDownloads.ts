import { Migration } from '../../src/db/migration.js';

export class Migration20261201103048_FormsResponsibleRetiredDownloads extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop table if exists \`form_export_links\`;`);

    this.addSql(`alter table \`form_submissions\` add column \`form_name\` text null;`);
    this.addSql(`alter table \`form_submissions\` add column \`fields\` json null;`);

    this.addSql(`alter table \`equipment\` add column \`responsible_id\` text null constraint \`equipment_responsible_id_foreign\` references \`people\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`create index \`equipment_responsible_id_index\` on \`equipment\` (\`responsible_id\`);`);
  }

}
