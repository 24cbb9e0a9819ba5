import { subscribe } from '../../events/domain-events.js';
import { Person } from '../../people/person.entity.js';
import { Inspection } from './inspection.entity.js';
import { orderRework } from './rework-service.js';

/**
 * 外协质检 on an order sent for a work order's operation: the count is kept as that operation's
 * inspection (so the trace shows it), and its rework pieces become a rework task (RW<n>) for
 * whoever has the operation, exactly as 终检's do. Scrap is already the operation's scrap.
 */
export const outsourcedRejects = subscribe({
  event: 'outsourcing.qc_recorded',
  phase: 'in_transaction',
  async handle({ inspection: counted, task }, unit) {
    if (!task) return;
    const inspector = await unit.em.findOneOrFail(Person, counted.inspector.id);
    const inspection = unit.em.create(Inspection, {
      kind: 'outsourced',
      task,
      inspector,
      at: counted.at,
      accepted: counted.accepted + counted.concession,
      rejected: counted.rejected,
      rework: counted.rework,
      reasonCode: counted.reasonCode ?? null,
      note: [counted.order.number, counted.note].filter(Boolean).join(' ').slice(0, 255),
    });
    if (counted.rework > 0) await orderRework(unit, task.workOrder.number, task, inspection, inspector.name);
  },
});
