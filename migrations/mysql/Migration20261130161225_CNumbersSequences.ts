import { Migration } from '../../src/db/migration.js';

export class Migration20261130161225_CNumbersSequences extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`number_sequences\` (\`kind\` varchar(32) not null, \`scope\` varchar(32) not null, \`last_value\` int not null, primary key (\`kind\`, \`scope\`)) default character set utf8mb4 engine = InnoDB;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`number_sequences\`;`);
  }

}
