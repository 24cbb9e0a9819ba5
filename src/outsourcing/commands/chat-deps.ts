import type { CommandContext } from '../../chat/context.js';
import type { Changer, OutsourcingDeps } from '../deps.js';

export function depsOf(ctx: CommandContext): OutsourcingDeps {
  return { em: ctx.em, clock: ctx.clock, outbox: ctx.pushes, config: ctx.config, tz: ctx.tz };
}

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
