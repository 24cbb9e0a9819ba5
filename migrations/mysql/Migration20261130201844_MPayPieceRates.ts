import { Migration } from '../../src/db/migration.js';

export class Migration20261130201844_MPayPieceRates extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`piece_rates\` (\`id\` int unsigned not null auto_increment primary key, \`item_code\` varchar(64) not null, \`sequence\` int not null, \`team_id\` varchar(64) null, \`equipment_code\` varchar(32) null, \`fen_per_piece\` int not null, \`scrap_fen\` int not null default 0, \`effective_from\` varchar(10) not null, \`created_at\` datetime(3) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`piece_rates\` add index \`piece_rates_item_code_sequence_effective_from_index\`(\`item_code\`, \`sequence\`, \`effective_from\`);`);

    this.addSql(`create table \`pay_entries\` (\`id\` int unsigned not null auto_increment primary key, \`person_id\` varchar(64) not null, \`report_id\` int unsigned not null, \`rate_id\` int unsigned not null, \`good\` int not null, \`scrap\` int not null, \`fen\` int not null, \`day\` varchar(10) not null, \`month\` varchar(7) not null, \`recorded_at\` datetime(3) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`pay_entries\` add index \`pay_entries_person_id_index\`(\`person_id\`);`);
    this.addSql(`alter table \`pay_entries\` add index \`pay_entries_report_id_index\`(\`report_id\`);`);
    this.addSql(`alter table \`pay_entries\` add index \`pay_entries_rate_id_index\`(\`rate_id\`);`);
    this.addSql(`alter table \`pay_entries\` add index \`pay_entries_person_id_day_index\`(\`person_id\`, \`day\`);`);
    this.addSql(`alter table \`pay_entries\` add index \`pay_entries_month_person_id_index\`(\`month\`, \`person_id\`);`);
    this.addSql(`alter table \`pay_entries\` add unique \`pay_entries_report_id_unique\`(\`report_id\`);`);

    this.addSql(`alter table \`pay_entries\` add constraint \`pay_entries_person_id_foreign\` foreign key (\`person_id\`) references \`people\` (\`id\`) on update cascade;`);
    this.addSql(`alter table \`pay_entries\` add constraint \`pay_entries_report_id_foreign\` foreign key (\`report_id\`) references \`work_reports\` (\`id\`) on update cascade;`);
    this.addSql(`alter table \`pay_entries\` add constraint \`pay_entries_rate_id_foreign\` foreign key (\`rate_id\`) references \`piece_rates\` (\`id\`) on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`pay_entries\` drop foreign key \`pay_entries_rate_id_foreign\`;`);

    this.addSql(`drop table if exists \`piece_rates\`;`);

    this.addSql(`drop table if exists \`pay_entries\`;`);
  }

}
