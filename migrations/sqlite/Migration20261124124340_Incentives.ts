import { Migration } from '../../src/db/migration.js';

export class Migration20261124124340_Incentives extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`incentive_cursors\` (\`trigger\` text not null, \`evaluated_to\` datetime not null, \`locked_at\` datetime not null, primary key (\`trigger\`));`);

    this.addSql(`create table \`point_entries\` (\`id\` integer not null primary key autoincrement, \`person_id\` text not null, \`points\` integer not null, \`source\` text not null, \`rule_id\` text null, \`event_key\` text null, \`reason\` text not null, \`details\` json not null, \`occurred_at\` datetime not null, \`recorded_at\` datetime not null, \`recorded_by\` text null, constraint \`point_entries_person_id_foreign\` foreign key(\`person_id\`) references \`people\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`point_entries_person_id_index\` on \`point_entries\` (\`person_id\`);`);
    this.addSql(`create index \`point_entries_person_id_occurred_at_index\` on \`point_entries\` (\`person_id\`, \`occurred_at\`);`);
    this.addSql(`create index \`point_entries_occurred_at_index\` on \`point_entries\` (\`occurred_at\`);`);
    this.addSql(`create unique index \`point_entries_rule_id_event_key_unique\` on \`point_entries\` (\`rule_id\`, \`event_key\`);`);
  }

}
