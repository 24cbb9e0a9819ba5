import type { Command } from '../chat/commands/command.js';
import { RefusedError } from '../shared/errors.js';
import { parseDueDate } from '../workorders/work-order-service.js';
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
    const text = args.day === undefined ? undefined : String(args.day);
    const now = ctx.clock.now();
    const day =
      text === undefined
        ? lastFullDay(now, ctx.config, ctx.tz)
        : text === m.today
          ? currentDay(now, ctx.config, ctx.tz)
          : parseDueDate(text, now, ctx.tz);
    if (!day) throw new RefusedError('bad_day', m.badDay(text ?? ''));
    const { contents } = await digestContents(
      { em: ctx.em, outbox: ctx.pushes, config: ctx.config, tz: ctx.tz, now, unit: ctx.services },
      day,
    );
    for (const content of contents) ctx.reply(content);
  },
};
