import type { Command } from '../chat/commands/command.js';
import { RefusedError } from '../shared/errors.js';
import { parseDueDate } from '../workorders/work-order-service.js';
import { digestContents, yesterdayOf } from './digest-service.js';
import { digestMessages as m } from './messages.js';

/** 日报 [日期]: the morning digest on demand, for any day. */
export const dailyReportCommand: Command = {
  name: '日报',
  aliases: ['digest', 'report-day'],
  roles: ['supervisor', 'team_lead', 'manager', 'planner'],
  help: '查看某天的生产日报（默认昨天）',
  args: [{ name: 'day', label: '日期', kind: 'word', optional: true }],
  async run(ctx, args) {
    const text = args.day === undefined ? undefined : String(args.day);
    const day =
      text === undefined ? yesterdayOf(ctx.clock.now(), ctx.tz) : parseDueDate(text, ctx.clock.now(), ctx.tz);
    if (!day) throw new RefusedError('bad_day', m.badDay(text ?? ''));
    const { contents } = await digestContents(
      { em: ctx.em, outbox: ctx.pushes, config: ctx.config, tz: ctx.tz, now: ctx.clock.now() },
      day,
    );
    for (const content of contents) ctx.reply(content);
  },
};
