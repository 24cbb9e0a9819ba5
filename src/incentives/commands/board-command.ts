import { wordChoice } from '../../chat/commands/arguments.js';
import type { Command } from '../../chat/commands/command.js';
import { RefusedError } from '../../shared/errors.js';
import { settleForReading } from '../evaluation-service.js';
import { incentiveMessages as m } from '../messages.js';
import { monthOf, weekOf } from '../periods.js';
import { standings } from '../standings.js';

/**
 * 排行 [本周|上周|本月|上月]: the individual and team boards, this week unless told otherwise; a week
 * without points yet shows last week's under it.
 */
export const boardCommand: Command = {
  name: '排行',
  aliases: ['leaderboard', '排行榜', '排名'],
  roles: 'staff',
  help: m.boardHelp,
  args: [wordChoice('period', ['本周', '上周', '本月', '上月'], true)],
  async run(ctx, args) {
    const word = args.period === undefined ? '本周' : String(args.period);
    const which = m.periodWords[word];
    if (!which) throw new RefusedError('bad_period', m.badPeriod(word));
    await settleForReading(ctx);
    const now = ctx.clock.now();
    const period =
      which === 'month' || which === 'lastMonth'
        ? monthOf(now, ctx.tz, which === 'lastMonth' ? 1 : 0)
        : weekOf(now, ctx.tz, which === 'last' ? 1 : 0);
    const board = await standings(ctx.em, period, ctx.config, ctx.tz);
    // Early in a week (a Monday morning) nobody has points yet: last week's board still says something.
    if (which === 'this' && board.people.length === 0) {
      const lastWeek = await standings(ctx.em, weekOf(now, ctx.tz, 1), ctx.config, ctx.tz);
      if (lastWeek.people.length > 0) return ctx.reply(m.boardWithLastWeek(board, lastWeek));
    }
    ctx.reply(m.board(board, m.periodLabels[which]));
  },
};
