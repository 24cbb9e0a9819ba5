import type { Command } from '../../chat/commands/command.js';
import { correctReport, reportLabel, undoLastReport } from '../correction-service.js';
import { workOrderMessages as m } from '../messages.js';
import { goodArg, scrapArg } from '../../chat/commands/arguments.js';
import { remainingOf } from './task-commands.js';

export const undoReportCommand: Command = {
  name: '撤销',
  aliases: ['undo'],
  roles: ['worker', 'team_lead', 'supervisor'],
  help: '撤销自己最近的一次报工（报工后一段时间内）',
  args: [],
  async run(ctx) {
    const { original, loaded, task } = await undoLastReport(ctx.services, ctx.actor);
    ctx.reply(
      m.undone(
        reportLabel(original.id),
        loaded.order.number,
        task.name,
        original.good,
        original.scrap,
        remainingOf(loaded, task),
      ),
    );
  },
};

export const correctReportCommand: Command = {
  name: '更正',
  aliases: ['correct'],
  roles: ['team_lead', 'supervisor'],
  help: '更正一条报工的合格数和报废数（报工号见报工回复；不写报废时报废数不变；更正过的还可以再更正）',
  args: [{ name: 'report', label: '报工号', kind: 'word' }, goodArg, scrapArg],
  async run(ctx, args) {
    const { original, reversal, was, loaded, task } = await correctReport(
      ctx.services,
      ctx.actor,
      String(args.report),
      Number(args.good),
      typeof args.scrap === 'number' ? args.scrap : undefined,
    );
    ctx.reply(
      m.corrected(
        reportLabel(original.id),
        loaded.order.number,
        task.name,
        was,
        { good: was.good + reversal.good, scrap: was.scrap + reversal.scrap },
        remainingOf(loaded, task),
      ),
    );
  },
};
