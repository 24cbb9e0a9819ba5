import type { Command } from '../chat/commands/command.js';
import type { CommandContext } from '../chat/context.js';
import { RefusedError } from '../shared/errors.js';
import { parseDayRange } from '../shared/day-range.js';
import { currentDay, lastFullDay } from './digest-day.js';
import { digestContents } from './digest-service.js';
import { digestMessages as m } from './messages.js';

/**
 * 日报 [日期|今天]: the digest on demand for any production day; by default the last one that
 * has ended, 今天 the one running now (so far).
 */
export const dailyReportCommand: Command = {
  name: '日报',
  aliases: ['digest', 'report-day'],
  roles: ['supervisor', 'team_lead', 'manager', 'planner'],
  help: '查看某天的生产日报（默认上一个生产日，「日报 今天」看今天到此刻）',
  args: [{ name: 'day', label: '日期', kind: 'word', optional: true }],
  async run(ctx, args) {
    const now = ctx.clock.now();
    const day =
      args.day === undefined ? lastFullDay(now, ctx.config, ctx.tz) : dayNamed(String(args.day), now, ctx);
    const { contents } = await digestContents(
      { em: ctx.em, outbox: ctx.pushes, config: ctx.config, tz: ctx.tz, now, unit: ctx.services },
      day,
    );
    for (const content of contents) ctx.reply(content);
  },
};

/** The one production day written (昨天, 11-30, 今天: the day running now), not one to come. */
function dayNamed(text: string, now: Date, ctx: CommandContext): string {
  const today = currentDay(now, ctx.config, ctx.tz);
  const parsed = parseDayRange(text, today);
  if ('problem' in parsed)
    throw new RefusedError(
      'bad_day',
      parsed.problem.kind === 'future' ? m.dayToCome(parsed.problem.from) : m.badDay(text),
    );
  if (parsed.range.from !== parsed.range.to) throw new RefusedError('bad_day', m.oneDayOnly(text));
  return parsed.range.from;
}
