import { Migration } from '../../src/db/migration.js';

export class Migration20261201110625_OutsourcingPhotosInMediaStore extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`outsourcing_photos\` add column \`media_id\` integer null constraint \`outsourcing_photos_media_id_foreign\` references \`media_files\` (\`id\`) on update cascade on delete set null;`);
    this.addSql(`create index \`outsourcing_photos_media_id_index\` on \`outsourcing_photos\` (\`media_id\`);`);
  }

}
