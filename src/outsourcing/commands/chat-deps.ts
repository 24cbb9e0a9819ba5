import type { CommandContext } from '../../chat/context.js';
import type { Changer } from '../deps.js';

/** The person in chat as the state history records them; a partner's changes are told to the coordinator. */
export function changerOf(ctx: CommandContext): Changer {
  const partnerSide = ctx.person.roles.every((r) => r === 'partner');
  return {
    personId: ctx.person.id,
    name: ctx.person.name,
    channel: ctx.event.channel,
    at: ctx.clock.now(),
    partnerSide,
  };
}
