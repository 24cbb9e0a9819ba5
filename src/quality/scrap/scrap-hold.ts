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
