import { Migration } from '../../src/db/migration.js';

export class Migration20261130161142_AInboundHandledAt extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`inbound_events\` add \`handled_at\` datetime(3) null, add \`resume_attempts\` int not null default 0;`);
    // Rows written before this change were stored together with their effect: all handled.
    this.addSql(`update \`inbound_events\` set \`handled_at\` = \`received_at\`;`);
    this.addSql(`alter table \`inbound_events\` add index \`inbound_events_handled_at_received_at_index\`(\`handled_at\`, \`received_at\`);`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`inbound_events\` drop index \`inbound_events_handled_at_received_at_index\`;`);
    this.addSql(`alter table \`inbound_events\` drop column \`handled_at\`, drop column \`resume_attempts\`;`);
  }

}
