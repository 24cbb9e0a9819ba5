import { Migration } from '../../src/db/migration.js';

export class Migration20261201033058_FormsWithoutCode extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`form_export_links\` (\`id\` int unsigned not null auto_increment primary key, \`token_hash\` varchar(64) not null, \`form_key\` varchar(40) not null, \`from_date\` varchar(10) not null, \`to_date\` varchar(10) not null, \`created_by\` varchar(64) not null, \`created_at\` datetime(3) not null, \`expires_at\` datetime(3) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`form_export_links\` add unique \`form_export_links_token_hash_unique\`(\`token_hash\`);`);

    this.addSql(`create table \`form_submissions\` (\`id\` int unsigned not null auto_increment primary key, \`form_key\` varchar(40) not null, \`subject_kind\` varchar(16) not null, \`subject_key\` varchar(64) null, \`team_id\` varchar(64) null, \`filled_by_id\` varchar(64) not null, \`answers\` json not null, \`period_key\` varchar(32) null, \`supersedes\` int null, \`superseded_by\` int null, \`created_at\` datetime(3) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`form_submissions\` add index \`form_submissions_filled_by_id_index\`(\`filled_by_id\`);`);
    this.addSql(`alter table \`form_submissions\` add index \`form_submissions_form_key_created_at_index\`(\`form_key\`, \`created_at\`);`);
    this.addSql(`alter table \`form_submissions\` add index \`form_submissions_form_key_period_key_subject_key_index\`(\`form_key\`, \`period_key\`, \`subject_key\`);`);

    this.addSql(`alter table \`form_submissions\` add constraint \`form_submissions_filled_by_id_foreign\` foreign key (\`filled_by_id\`) references \`people\` (\`id\`) on update cascade;`);

    this.addSql(`alter table \`production_exceptions\` drop foreign key \`production_exceptions_work_order_id_foreign\`;`);

    this.addSql(`alter table \`production_exceptions\` modify \`work_order_id\` int unsigned null;`);
    this.addSql(`alter table \`production_exceptions\` add constraint \`production_exceptions_work_order_id_foreign\` foreign key (\`work_order_id\`) references \`work_orders\` (\`id\`) on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`form_export_links\`;`);

    this.addSql(`drop table if exists \`form_submissions\`;`);

    this.addSql(`alter table \`production_exceptions\` drop foreign key \`production_exceptions_work_order_id_foreign\`;`);

    this.addSql(`alter table \`production_exceptions\` modify \`work_order_id\` int unsigned not null;`);
    this.addSql(`alter table \`production_exceptions\` add constraint \`production_exceptions_work_order_id_foreign\` foreign key (\`work_order_id\`) references \`work_orders\` (\`id\`) on update cascade on delete restrict;`);
  }

}
