import { text } from '../../chat/outbound.js';
import { peopleWithRole } from '../../people/directory.js';
import type { ScanDeps } from '../maintenance/maintenance-scan.js';
import { equipmentMessages as m } from '../messages.js';
import { NoLongerDue, once } from '../../db/once.js';
import { claimNotice, noticeSent } from '../notices.js';
import { limitEndsAt, limitMinutes } from './repair-limits.js';
import { loadTicket, REPAIR_CARD, repairCardSpec, repairSubject } from './repair-view.js';
import { refreshCards } from '../../chat/cards/refresh-cards.js';
import { RepairTicket, type RepairState } from './repair-ticket.entity.js';

/**
 * Tickets that stayed in a state longer than its time limit go to the supervisors, once per visit
 * of that state: a ticket sent back by 验收不通过 gets a fresh limit for its next round.
 */
export async function escalateOverdueRepairs(deps: ScanDeps): Promise<number> {
  const { em, clock, config } = deps;
  const now = clock.now();
  const open = await em.find(RepairTicket, { state: { $ne: 'archived' } }, { orderBy: { id: 'asc' } });
  let sent = 0;
  for (const candidate of open) {
    const limit = limitMinutes(candidate.state as RepairState, config.repairs);
    const until = limitEndsAt(candidate, config.repairs);
    if (limit === undefined || until === undefined || now.getTime() <= until.getTime()) continue;
    const key = `repair:${candidate.id}:${candidate.stateVisit}`;
    if (await noticeSent(em, key)) continue;
    const result = await once(em, async (tx) => {
      const notice = await claimNotice(tx, key, now);
      const ticket = await loadTicket(tx, candidate.id);
      if (!ticket || ticket.stateVisit !== candidate.stateVisit) throw new NoLongerDue();
      const late = Math.ceil((now.getTime() - ticket.stateSince.getTime()) / 60_000) - limit;
      const message = text(
        m.repairOverLimit(
          ticket.id,
          ticket.equipment.code,
          m.repairStateNames[ticket.state] ?? ticket.state,
          limit,
          m.minutesText(late),
          ticket.technician?.name ?? m.nobody,
        ),
      );
      const supervisors = await peopleWithRole(tx, 'supervisor');
      for (const s of supervisors) {
        await deps.outbox.enqueue(tx, { kind: 'person', personId: s.id }, message, {
          dedupeKey: `${key}:${s.id}`,
        });
      }
      notice.recipients = supervisors.map((s) => s.id);
      // Whoever holds the card sees it is late, not only the supervisors told.
      const spec = repairCardSpec(ticket, config.repairs, deps.tz, now);
      await refreshCards(tx, clock, deps.outbox, REPAIR_CARD, repairSubject(ticket), spec);
    });
    if (result === 'written') sent += 1;
  }
  if (sent > 0) deps.logger.info({ sent }, 'repair tickets escalated');
  return sent;
}
