import type { CommandContext } from '../../chat/context.js';
import type { ShopfloorDeps } from '../shopfloor-deps.js';

export function depsOf(ctx: CommandContext): ShopfloorDeps {
  return {
    em: ctx.em,
    clock: ctx.clock,
    outbox: ctx.pushes,
    config: ctx.config,
    tz: ctx.tz,
    afterCommit: (work) => ctx.afterCommit(work),
  };
}
