import { wordChoice } from '../chat/commands/arguments.js';
import type { Command } from '../chat/commands/command.js';
import { RefusedError } from '../shared/errors.js';
import { withKittingRate } from './kitting-rate.js';
import { kpiFigures } from './kpi-service.js';
import { kpiMessages as m } from './messages.js';

/**
 * `KPI [本周|上周|本月|上月]`: whether the system is paying off (PRODUCT.md capability 7), each
 * figure beside its paper-days baseline, then the orders delivered late.
 */
export const kpiCommand: Command = {
  name: 'KPI',
  aliases: ['指标'],
  roles: ['manager', 'supervisor', 'planner'],
  help: m.kpiHelp,
  args: [wordChoice('period', ['本周', '上周', '本月', '上月'], true)],
  async run(ctx, args) {
    const text = args.period === undefined ? '本周' : String(args.period);
    const kind = m.periodWords[text];
    if (!kind) throw new RefusedError('bad_period', m.badPeriod(text));
    const figures = await kpiFigures(
      { em: ctx.em, config: ctx.config, tz: ctx.tz, now: ctx.clock.now() },
      kind,
    );
    ctx.reply(await withKittingRate(ctx.em, m.summary(figures, ctx.config.kpi.baselines)));
  },
};
