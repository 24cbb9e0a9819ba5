import type { ScanHandler } from '../../chat/feature.js';
import { readWorkOrderScan } from '../../shared/operation-code.js';
import { workOrderMessages as m } from '../messages.js';
import { isAssignedTo, loadOrder } from '../task-lookup.js';
import { taskCardSpec, taskSubject } from '../task-view.js';

/**
 * 扫码报工: the QR code on a work-order traveller holds its number (alone or inside a URL), and
 * each operation row of a printed job ticket adds the operation's sequence. An operation's code
 * shows that operation's card; an order's code shows the scanner's own task on it, ready to tap.
 */
export const workOrderScan: ScanHandler = {
  matches: (text) => readWorkOrderScan(text) !== undefined,
  async handle(ctx, text) {
    const scanned = readWorkOrderScan(text);
    if (!scanned) return;
    const loaded = await loadOrder(ctx.em, scanned.orderNumber);
    if (scanned.sequence !== undefined) {
      const task = loaded.tasks.find((t) => t.sequence === scanned.sequence);
      if (!task) ctx.reply(m.noSuchOperation(scanned.orderNumber, scanned.sequence));
      else if (task.status === 'done' || task.status === 'cancelled')
        ctx.reply(m.operationClosed(scanned.orderNumber, `${task.sequence} ${task.name}`));
      else ctx.reply(ctx.card('task', taskSubject(task), taskCardSpec(loaded, task)));
      return;
    }
    const mine = loaded.tasks.filter((t) => isAssignedTo(t, ctx.person) && t.status !== 'done');
    const shown =
      mine.length > 0
        ? mine
        : loaded.tasks.filter((t) => t.status === 'in_progress' || t.status === 'dispatched');
    for (const task of shown.slice(0, 3))
      ctx.reply(ctx.card('task', taskSubject(task), taskCardSpec(loaded, task)));
    if (shown.length === 0) ctx.reply(m.nothingToReportOn(scanned.orderNumber));
  },
};
