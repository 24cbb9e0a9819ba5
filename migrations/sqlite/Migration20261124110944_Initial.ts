import { Migration } from '@mikro-orm/migrations';

export class Migration20261124110944_Initial extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`teams\` (\`id\` text not null, \`name\` text not null, \`created_at\` datetime not null, primary key (\`id\`));`);

    this.addSql(`create table \`people\` (\`id\` text not null, \`name\` text not null, \`roles\` json not null, \`team_id\` text null, \`phone\` text null, \`active\` integer not null default true, \`created_at\` datetime not null, constraint \`people_team_id_foreign\` foreign key(\`team_id\`) references \`teams\`(\`id\`) on delete set null on update cascade, primary key (\`id\`));`);
    this.addSql(`create index \`people_team_id_index\` on \`people\` (\`team_id\`);`);

    this.addSql(`create table \`channel_identities\` (\`id\` integer not null primary key autoincrement, \`platform\` text not null, \`external_id\` text not null, \`person_id\` text not null, constraint \`channel_identities_person_id_foreign\` foreign key(\`person_id\`) references \`people\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`channel_identities_person_id_index\` on \`channel_identities\` (\`person_id\`);`);
    this.addSql(`create unique index \`channel_identities_platform_external_id_unique\` on \`channel_identities\` (\`platform\`, \`external_id\`);`);

    this.addSql(`create table \`group_bindings\` (\`id\` integer not null primary key autoincrement, \`channel\` text not null, \`chat_id\` text not null, \`team_id\` text not null, constraint \`group_bindings_team_id_foreign\` foreign key(\`team_id\`) references \`teams\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`group_bindings_team_id_index\` on \`group_bindings\` (\`team_id\`);`);
    this.addSql(`create unique index \`group_bindings_channel_chat_id_unique\` on \`group_bindings\` (\`channel\`, \`chat_id\`);`);
  }

}
