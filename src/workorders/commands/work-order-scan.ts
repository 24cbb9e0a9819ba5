import type { ScanHandler } from '../../chat/feature.js';
import { workOrderMessages as m } from '../messages.js';
import { isAssignedTo, loadOrder } from '../task-lookup.js';
import { taskCardSpec, taskSubject } from '../task-view.js';

const WORK_ORDER_CODE = /\bWO-[A-Z0-9]+-\d{3,}\b/i;

/**
 * 扫码报工: the QR code on a work-order traveller holds its number (alone or inside a URL).
 * Scanning shows the scanner's own task on that order as a card, ready to tap.
 */
export const workOrderScan: ScanHandler = {
  matches: (text) => WORK_ORDER_CODE.test(text),
  async handle(ctx, text) {
    const number = (WORK_ORDER_CODE.exec(text)?.[0] ?? text).toUpperCase();
    const loaded = await loadOrder(ctx.em, number);
    const mine = loaded.tasks.filter((t) => isAssignedTo(t, ctx.person) && t.status !== 'done');
    const shown =
      mine.length > 0
        ? mine
        : loaded.tasks.filter((t) => t.status === 'in_progress' || t.status === 'dispatched');
    for (const task of shown.slice(0, 3))
      ctx.reply(ctx.card('task', taskSubject(task), taskCardSpec(loaded, task)));
    if (shown.length === 0) ctx.reply(m.nothingToReportOn(number));
  },
};
