import { Migration } from '../../src/db/migration.js';

export class Migration20261201103453_MediaStore extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`media_files\` (\`id\` integer not null primary key autoincrement, \`sha256\` text not null, \`content_type\` text not null, \`size\` integer not null, \`path\` text not null, \`source\` text not null, \`uploaded_by\` text null, \`created_at\` datetime not null);`);
    this.addSql(`create unique index \`media_files_sha256_unique\` on \`media_files\` (\`sha256\`);`);

    this.addSql(`create table \`media_attachments\` (\`id\` integer not null primary key autoincrement, \`media_id\` integer not null, \`subject_type\` text not null, \`subject_id\` text not null, \`attached_by\` text null, \`attached_at\` datetime not null, constraint \`media_attachments_media_id_foreign\` foreign key(\`media_id\`) references \`media_files\`(\`id\`) on update cascade);`);
    this.addSql(`create index \`media_attachments_media_id_index\` on \`media_attachments\` (\`media_id\`);`);
    this.addSql(`create unique index \`media_attachments_subject_type_subject_id_media_id_unique\` on \`media_attachments\` (\`subject_type\`, \`subject_id\`, \`media_id\`);`);

    this.addSql(`alter table \`scrap_requests\` drop column \`photo_url\`;`);
  }

}
