import { subscribe } from '../events/domain-events.js';
import { riskBoard } from './board.js';
import { outsourcingMessages as m } from './messages.js';

/** The morning digest's 外发逾期 section: every batch past its expected return and not back. */
export const lateOutsourcingInDigest = subscribe({
  event: 'digest.composing',
  phase: 'in_transaction',
  async handle(payload, unit) {
    const { red } = await riskBoard(unit.em, unit.config, unit.tz, unit.clock.now());
    if (red.length === 0) return;
    payload.add({ title: m.digestLateTitle(red.length), lines: red.map((r) => m.digestLate(r, r.timing)) });
  },
});
