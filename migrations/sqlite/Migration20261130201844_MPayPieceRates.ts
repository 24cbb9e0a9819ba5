import { Migration } from '../../src/db/migration.js';

export class Migration20261130201844_MPayPieceRates extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`piece_rates\` (\`id\` integer not null primary key autoincrement, \`item_code\` text not null, \`sequence\` integer not null, \`team_id\` text null, \`equipment_code\` text null, \`fen_per_piece\` integer not null, \`scrap_fen\` integer not null default 0, \`effective_from\` text not null, \`created_at\` datetime not null);`);
    this.addSql(`create index \`piece_rates_item_code_sequence_effective_from_index\` on \`piece_rates\` (\`item_code\`, \`sequence\`, \`effective_from\`);`);

    this.addSql(`create table \`pay_entries\` (\`id\` integer not null primary key autoincrement, \`person_id\` text not null, \`report_id\` integer not null, \`rate_id\` integer not null, \`good\` integer not null, \`scrap\` integer not null, \`fen\` integer not null, \`day\` text not null, \`month\` text not null, \`recorded_at\` datetime not null, constraint \`pay_entries_person_id_foreign\` foreign key(\`person_id\`) references \`people\`(\`id\`) on update cascade, constraint \`pay_entries_report_id_foreign\` foreign key(\`report_id\`) references \`work_reports\`(\`id\`) on update cascade, constraint \`pay_entries_rate_id_foreign\` foreign key(\`rate_id\`) references \`piece_rates\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`pay_entries_person_id_index\` on \`pay_entries\` (\`person_id\`);`);
    this.addSql(`create index \`pay_entries_report_id_index\` on \`pay_entries\` (\`report_id\`);`);
    this.addSql(`create index \`pay_entries_rate_id_index\` on \`pay_entries\` (\`rate_id\`);`);
    this.addSql(`create index \`pay_entries_person_id_day_index\` on \`pay_entries\` (\`person_id\`, \`day\`);`);
    this.addSql(`create index \`pay_entries_month_person_id_index\` on \`pay_entries\` (\`month\`, \`person_id\`);`);
    this.addSql(`create unique index \`pay_entries_report_id_unique\` on \`pay_entries\` (\`report_id\`);`);
  }

}
