import { wordChoice } from '../../chat/commands/arguments.js';
import type { Command } from '../../chat/commands/command.js';
import { RefusedError } from '../../shared/errors.js';
import { productionDateOf, productionDay } from '../../shared/production-day.js';
import { MAX_EXPORT_DAYS, parseDateRange, type RangeProblem } from '../date-range.js';
import { exportForDownload } from '../export-service.js';
import { erpMessages as m } from '../messages.js';

/**
 * `导出 报工 [日期范围]`: the reports and material issues of those production days as the ERP
 * import files, fetched through a link (a file message is not sent: the WeCom app would need a
 * media upload per file, and DingTalk's robot cannot send files to a one-to-one chat).
 */
export const exportCommand: Command = {
  name: '导出',
  aliases: [],
  roles: ['planner', 'supervisor', 'manager'],
  help: m.exportHelp,
  args: [wordChoice('what', ['报工']), { name: 'range', label: '日期范围', kind: 'text', optional: true }],
  async run(ctx, args) {
    if (args.what !== '报工') throw new RefusedError('bad_export', m.exportWhatUsage);
    const today = productionDateOf(ctx.clock.now(), productionDay(ctx.config, ctx.tz));
    const text = args.range === undefined ? '昨天' : String(args.range);
    const parsed = parseDateRange(text, today);
    if ('problem' in parsed) throw new RefusedError('bad_range', rangeRefusal(parsed.problem, text));
    const { range } = parsed;
    const { file, path } = await exportForDownload(ctx.services, range, ctx.person.id);
    const label = range.from === range.to ? range.from : `${range.from}~${range.to}`;
    const url = `${ctx.publicUrl}${path}`;
    ctx.reply(m.exported(label, file.reportRows, file.issueRows, url, ctx.config.erpExport.linkDays));
  },
};

function rangeRefusal(problem: RangeProblem, text: string): string {
  switch (problem.kind) {
    case 'reversed':
      return m.rangeReversed(problem.from, problem.to);
    case 'too_long':
      return m.rangeTooLong(problem.days, MAX_EXPORT_DAYS);
    case 'future':
      return m.rangeInFuture(problem.from);
    case 'unreadable':
      return m.badRange(text);
  }
}
