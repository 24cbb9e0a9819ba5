import { Migration } from '../../src/db/migration.js';

export class Migration20261201103047_FormsResponsibleRetiredDownloads extends Migration {

  override async up(): Promise<void> {
    this.addSql(`drop table if exists \`form_export_links\`;`);

    this.addSql(`alter table \`form_submissions\` add \`form_name\` varchar(20) null, add \`fields\` json null;`);

    this.addSql(`alter table \`equipment\` add \`responsible_id\` varchar(64) null;`);
    this.addSql(`alter table \`equipment\` add constraint \`equipment_responsible_id_foreign\` foreign key (\`responsible_id\`) references \`people\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`equipment\` add index \`equipment_responsible_id_index\`(\`responsible_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`create table \`form_export_links\` (\`id\` int unsigned not null auto_increment primary key, \`token_hash\` varchar(64) not null, \`form_key\` varchar(40) not null, \`from_date\` varchar(10) not null, \`to_date\` varchar(10) not null, \`created_by\` varchar(64) not null, \`created_at\` datetime(3) not null, \`expires_at\` datetime(3) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`form_export_links\` add unique \`form_export_links_token_hash_unique\`(\`token_hash\`);`);

    this.addSql(`alter table \`equipment\` drop foreign key \`equipment_responsible_id_foreign\`;`);

    this.addSql(`alter table \`equipment\` drop index \`equipment_responsible_id_index\`;`);
    this.addSql(`alter table \`equipment\` drop column \`responsible_id\`;`);

    this.addSql(`alter table \`form_submissions\` drop column \`form_name\`, drop column \`fields\`;`);
  }

}
