import { mayUse } from '../chat/commands/command.js';
import type { ChatFeature } from '../chat/feature.js';
import { boardLinkCommand, partnerLinkCommand, revokeLinksCommand } from './commands/link-commands.js';
import { outsourceCommand } from './commands/outsource-command.js';
import { qcCommand, returnCommand } from './commands/receiving-commands.js';
import { rescheduleReturnCommand } from './commands/reschedule-command.js';
import { boardCommand, listCommand } from './commands/view-commands.js';

/** Outsourcing in chat: orders to partners, their states, returns, QC, the risk board, partner links. */
export const outsourcingFeature: ChatFeature = {
  commands: [
    outsourceCommand,
    listCommand,
    returnCommand,
    rescheduleReturnCommand,
    qcCommand,
    boardCommand,
    partnerLinkCommand,
    revokeLinksCommand,
    boardLinkCommand,
  ],
  // A partner opening the chat sees their open orders straight away.
  async welcome(ctx) {
    if (ctx.person.roles.includes('partner') && mayUse(listCommand, ctx.person.roles)) {
      await listCommand.run(ctx, {});
    }
  },
};
