import { subscribe } from '../../events/domain-events.js';
import { scrapMessages as m } from './messages.js';
import { requestScrap, scrapRule } from './scrap-approval-service.js';
import { scrapLabel } from './scrap-request.entity.js';

/**
 * 报工 with more scrap than the item's approval threshold: the scrap is held back (the report
 * keeps its good pieces and minutes) and becomes a request on the approvers' cards.
 */
export const scrapHold = subscribe({
  event: 'workorders.scrap_reported',
  phase: 'in_transaction',
  async handle({ report, hold }, unit) {
    const task = report.task;
    const rule = scrapRule(unit.config.quality, task.workOrder.item.code);
    if (!rule || report.scrap <= rule.threshold) return;
    const pieces = report.scrap;
    hold(pieces);
    const request = await requestScrap(unit, {
      task,
      personId: report.person.id,
      at: report.reportedAt,
      quantity: pieces,
      reason: null,
      heldFrom: report,
      approvers: rule.approvers,
    });
    unit.note?.(m.held(scrapLabel(request.id), pieces, rule.threshold));
  },
});

/**
 * 外协质检 rejecting pieces to scrap on an order sent for an operation: the same threshold as
 * in-house scrap (a partner's bad batch is no cheaper to write off), requested in the
 * inspector's name with their reason; until approved the operation does not count it.
 */
export const outsourcedScrapHold = subscribe({
  event: 'outsourcing.scrap_counted',
  phase: 'in_transaction',
  async handle({ order, inspection, task, hold }, unit) {
    const rule = scrapRule(unit.config.quality, task.workOrder.item.code);
    const pieces = inspection.rejected;
    if (!rule || pieces <= rule.threshold) return;
    hold(pieces);
    const reason =
      unit.config.quality.rejectReasons.find(
        (r) => r.code.toUpperCase() === inspection.reasonCode?.toUpperCase(),
      ) ?? null;
    const request = await requestScrap(unit, {
      task,
      personId: inspection.inspector.id,
      at: inspection.at,
      quantity: pieces,
      reason,
      outsideSource: `outsourcing:${order.number}`,
      approvers: rule.approvers,
    });
    unit.note?.(m.held(scrapLabel(request.id), pieces, rule.threshold));
  },
});
