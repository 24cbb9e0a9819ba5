import { Migration } from '../../src/db/migration.js';

export class Migration20261201110623_OutsourcingPhotosInMediaStore extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`outsourcing_photos\` add \`media_id\` int unsigned null;`);
    this.addSql(`alter table \`outsourcing_photos\` add constraint \`outsourcing_photos_media_id_foreign\` foreign key (\`media_id\`) references \`media_files\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`alter table \`outsourcing_photos\` add index \`outsourcing_photos_media_id_index\`(\`media_id\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`outsourcing_photos\` drop foreign key \`outsourcing_photos_media_id_foreign\`;`);

    this.addSql(`alter table \`outsourcing_photos\` drop index \`outsourcing_photos_media_id_index\`;`);
    this.addSql(`alter table \`outsourcing_photos\` drop column \`media_id\`;`);
  }

}
