import { Migration } from '../../src/db/migration.js';

export class Migration20261124124339_Incentives extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`incentive_cursors\` (\`trigger\` varchar(32) not null, \`evaluated_to\` datetime(3) not null, \`locked_at\` datetime(3) not null, primary key (\`trigger\`)) default character set utf8mb4 engine = InnoDB;`);

    this.addSql(`create table \`point_entries\` (\`id\` int unsigned not null auto_increment primary key, \`person_id\` varchar(64) not null, \`points\` int not null, \`source\` varchar(8) not null, \`rule_id\` varchar(64) null, \`event_key\` varchar(128) null, \`reason\` varchar(200) not null, \`details\` json not null, \`occurred_at\` datetime(3) not null, \`recorded_at\` datetime(3) not null, \`recorded_by\` varchar(64) null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`point_entries\` add index \`point_entries_person_id_index\`(\`person_id\`);`);
    this.addSql(`alter table \`point_entries\` add index \`point_entries_person_id_occurred_at_index\`(\`person_id\`, \`occurred_at\`);`);
    this.addSql(`alter table \`point_entries\` add index \`point_entries_occurred_at_index\`(\`occurred_at\`);`);
    this.addSql(`alter table \`point_entries\` add unique \`point_entries_rule_id_event_key_unique\`(\`rule_id\`, \`event_key\`);`);

    this.addSql(`alter table \`point_entries\` add constraint \`point_entries_person_id_foreign\` foreign key (\`person_id\`) references \`people\` (\`id\`) on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`incentive_cursors\`;`);

    this.addSql(`drop table if exists \`point_entries\`;`);
  }

}
