import { Migration } from '../../src/db/migration.js';

export class Migration20261130161142_AInboundHandledAt extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`inbound_events\` add column \`handled_at\` datetime null;`);
    this.addSql(`alter table \`inbound_events\` add column \`resume_attempts\` integer not null default 0;`);
    // Rows written before this change were stored together with their effect: all handled.
    this.addSql(`update \`inbound_events\` set \`handled_at\` = \`received_at\`;`);
    this.addSql(`create index \`inbound_events_handled_at_received_at_index\` on \`inbound_events\` (\`handled_at\`, \`received_at\`);`);
  }

}
