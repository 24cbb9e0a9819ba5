import { Migration } from '../../src/db/migration.js';

export class Migration20261130161225_CNumbersSequences extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`number_sequences\` (\`kind\` text not null, \`scope\` text not null, \`last_value\` integer not null, primary key (\`kind\`, \`scope\`));`);
  }

}
