import type { Command } from '../../chat/commands/command.js';
import { RefusedError } from '../../shared/errors.js';
import { loadOrder } from '../../workorders/task-lookup.js';
import { issueMaterial } from '../issue-service.js';
import { materialMessages } from '../messages.js';
import { readWrittenQuantity } from '../units.js';

/** `领料 <工单> <批次> <数量>`: which lot, how much, for which order; the reply is what was stored. */
export const issueMaterialCommand: Command = {
  name: '领料',
  aliases: ['issue-material'],
  roles: ['worker', 'team_lead', 'supervisor'],
  help: '登记工单领用了哪个批次的多少材料（数量按批次的单位，可写 150kg）',
  args: [
    { name: 'order', label: '工单号', kind: 'word' },
    { name: 'lot', label: '批次', kind: 'word' },
    { name: 'quantity', label: '数量', kind: 'word' },
  ],
  async run(ctx, args) {
    const text = String(args.quantity);
    const written = readWrittenQuantity(text);
    if (!written) throw new RefusedError('bad_quantity', materialMessages.notAQuantity(text));
    const loaded = await loadOrder(ctx.em, String(args.order));
    const { lot, issue } = await issueMaterial(
      ctx.services,
      ctx.actor,
      loaded,
      String(args.lot),
      written.value,
      written.unit,
    );
    // What was stored, not what was typed: the reply is the record.
    ctx.reply(
      materialMessages.issued(
        lot.lotNumber,
        issue.quantity,
        lot.item.unit,
        loaded.order.number,
        lot.remaining,
      ),
    );
  },
};
