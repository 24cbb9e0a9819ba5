import { Migration } from '@mikro-orm/migrations';

export class Migration20261124110944_Initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`teams\` (\`id\` varchar(64) not null, \`name\` varchar(100) not null, \`created_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);

    this.addSql(`create table \`people\` (\`id\` varchar(64) not null, \`name\` varchar(100) not null, \`roles\` json not null, \`team_id\` varchar(64) null, \`phone\` varchar(32) null, \`active\` tinyint(1) not null default true, \`created_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`people\` add index \`people_team_id_index\`(\`team_id\`);`);

    this.addSql(`create table \`channel_identities\` (\`id\` int unsigned not null auto_increment primary key, \`platform\` varchar(16) not null, \`external_id\` varchar(128) not null, \`person_id\` varchar(64) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`channel_identities\` add index \`channel_identities_person_id_index\`(\`person_id\`);`);
    this.addSql(`alter table \`channel_identities\` add unique \`channel_identities_platform_external_id_unique\`(\`platform\`, \`external_id\`);`);

    this.addSql(`create table \`group_bindings\` (\`id\` int unsigned not null auto_increment primary key, \`channel\` varchar(16) not null, \`chat_id\` varchar(128) not null, \`team_id\` varchar(64) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`group_bindings\` add index \`group_bindings_team_id_index\`(\`team_id\`);`);
    this.addSql(`alter table \`group_bindings\` add unique \`group_bindings_channel_chat_id_unique\`(\`channel\`, \`chat_id\`);`);

    this.addSql(`alter table \`people\` add constraint \`people_team_id_foreign\` foreign key (\`team_id\`) references \`teams\` (\`id\`) on update cascade on delete set null;`);

    this.addSql(`alter table \`channel_identities\` add constraint \`channel_identities_person_id_foreign\` foreign key (\`person_id\`) references \`people\` (\`id\`) on update cascade on delete cascade;`);

    this.addSql(`alter table \`group_bindings\` add constraint \`group_bindings_team_id_foreign\` foreign key (\`team_id\`) references \`teams\` (\`id\`) on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`people\` drop foreign key \`people_team_id_foreign\`;`);

    this.addSql(`alter table \`group_bindings\` drop foreign key \`group_bindings_team_id_foreign\`;`);

    this.addSql(`alter table \`channel_identities\` drop foreign key \`channel_identities_person_id_foreign\`;`);

    this.addSql(`drop table if exists \`teams\`;`);

    this.addSql(`drop table if exists \`people\`;`);

    this.addSql(`drop table if exists \`channel_identities\`;`);

    this.addSql(`drop table if exists \`group_bindings\`;`);
  }

}
