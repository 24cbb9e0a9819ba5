import { Migration } from '../../src/db/migration.js';

export class Migration20261201103451_MediaStore extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`media_files\` (\`id\` int unsigned not null auto_increment primary key, \`sha256\` varchar(64) not null, \`content_type\` varchar(32) not null, \`size\` int not null, \`path\` varchar(191) not null, \`source\` varchar(32) not null, \`uploaded_by\` varchar(64) null, \`created_at\` datetime(3) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`media_files\` add unique \`media_files_sha256_unique\`(\`sha256\`);`);

    this.addSql(`create table \`media_attachments\` (\`id\` int unsigned not null auto_increment primary key, \`media_id\` int unsigned not null, \`subject_type\` varchar(32) not null, \`subject_id\` varchar(64) not null, \`attached_by\` varchar(64) null, \`attached_at\` datetime(3) not null) default character set utf8mb4 engine = InnoDB;`);
    this.addSql(`alter table \`media_attachments\` add index \`media_attachments_media_id_index\`(\`media_id\`);`);
    this.addSql(`alter table \`media_attachments\` add unique \`media_attachments_subject_type_subject_id_media_id_unique\`(\`subject_type\`, \`subject_id\`, \`media_id\`);`);

    this.addSql(`alter table \`media_attachments\` add constraint \`media_attachments_media_id_foreign\` foreign key (\`media_id\`) references \`media_files\` (\`id\`) on update cascade;`);

    this.addSql(`alter table \`scrap_requests\` drop column \`photo_url\`;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`media_attachments\` drop foreign key \`media_attachments_media_id_foreign\`;`);

    this.addSql(`drop table if exists \`media_files\`;`);

    this.addSql(`drop table if exists \`media_attachments\`;`);

    this.addSql(`alter table \`scrap_requests\` add \`photo_url\` varchar(500) null;`);
  }

}
