import { subscribe } from '../../events/domain-events.js';
import { RefusedError } from '../../shared/errors.js';
import { askForFirstArticle, inspectors } from './first-article-notices.js';
import { firstArticleState, heldPieces } from './inspection-service.js';
import { inspectionMessages as m } from './messages.js';

/**
 * 首检 hold: on an operation the routing flags, good pieces beyond the first ones are refused
 * until QC passes a first article — in the report's own transaction, so a refused report is
 * not stored. The report that brings in the first pieces asks QC to inspect them.
 */
export const firstArticleHold = subscribe({
  event: 'workorders.report_recorded',
  phase: 'in_transaction',
  async handle({ report }, unit) {
    const task = report.task;
    if (!task.firstArticle || report.good <= 0) return;
    const state = await firstArticleState(unit.em, task);
    if (state.passed) return;
    const pieces = unit.config.quality.firstArticle.pieces;
    const held = heldPieces(pieces, state);
    const before = task.goodTotal - report.good;
    const order = task.workOrder.number;
    if (task.goodTotal > held) {
      const names = (await inspectors(unit)).map((p) => p.name);
      throw new RefusedError('first_article_hold', m.held(order, task.name, held, before, names), {
        held,
        before,
        good: report.good,
      });
    }
    if (before < held && task.goodTotal >= held) await askForFirstArticle(unit, order, task, pieces);
  },
});
