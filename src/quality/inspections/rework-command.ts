import { goodArg, scrapArg } from '../../chat/commands/arguments.js';
import type { Command } from '../../chat/commands/command.js';
import { RefusedError } from '../../shared/errors.js';
import { inspectionMessages as m } from './messages.js';
import { finishRework } from './rework-service.js';
import { reworkLabel } from './rework-task.entity.js';

/** `返工完成 RW3 2 报废 1`: the worker says how the pieces a 终检 sent back came out. */
export const reworkDoneCommand: Command = {
  name: '返工完成',
  aliases: ['rework-done', '返工报工'],
  roles: ['worker', 'team_lead', 'supervisor'],
  help: m.reworkHelp,
  args: [{ name: 'ref', label: '返工单号', kind: 'word' }, goodArg, scrapArg],
  async run(ctx, args) {
    const ref = String(args.ref);
    const match = /^RW(\d+)$/i.exec(ref);
    if (!match) throw new RefusedError('bad_rework_ref', m.badReworkRef(ref));
    const good = Number(args.good);
    const scrap = Number(args.scrap ?? 0);
    for (const [label, n] of [
      ['合格数', good],
      ['报废数', scrap],
    ] as const)
      if (!Number.isInteger(n) || n < 0) throw new RefusedError('not_whole_pieces', m.notWhole(label, n));
    const rework = await finishRework(ctx.services, ctx.actor, Number(match[1]), good, scrap);
    ctx.reply(m.reworkRecorded(reworkLabel(rework.id), good, scrap));
  },
};
