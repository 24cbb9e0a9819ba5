import type { EntityManager } from '@mikro-orm/core';
import { Person } from '../people/person.entity.js';
import type { Services } from '../services.js';
import { inZone } from '../shared/time.js';
import type { WorkReport } from '../workorders/work-report.entity.js';
import { PayEntry } from './pay-entry.entity.js';
import { rateFor } from './rates-service.js';

/** Good pieces at the rate, less the scrap deduction, in fen; exact for any integer counts. */
function earned(good: number, scrap: number, rate: { fenPerPiece: number; scrapFen: number }): number {
  return good * rate.fenPerPiece - scrap * rate.scrapFen;
}

/**
 * What a 报工 earned, written in its own transaction; nothing when no rate covers its
 * operation (the factory has not priced it). Returns the entry for the answer.
 */
export async function earnReport(unit: Services, report: WorkReport): Promise<PayEntry | undefined> {
  const task = report.task;
  const day = inZone(report.reportedAt, unit.tz).format('YYYY-MM-DD');
  const person = await unit.em.findOneOrFail(Person, report.person.id);
  const rate = await rateFor(unit.em, {
    itemCode: task.workOrder.item.code,
    sequence: task.sequence,
    day,
    teamId: person.team?.id,
    equipmentCode: report.equipment?.code,
  });
  if (!rate) return undefined;
  return unit.em.create(PayEntry, {
    person,
    report,
    rate,
    good: report.good,
    scrap: report.scrap,
    fen: earned(report.good, report.scrap, rate),
    day,
    month: day.slice(0, 7),
    recordedAt: unit.clock.now(),
  });
}

/** A reversal takes back, at the original's rate and on the original's day, what its signed pieces change. */
export async function earnReversal(
  unit: Services,
  original: WorkReport,
  reversal: WorkReport,
): Promise<PayEntry | undefined> {
  const paid = await unit.em.findOne(PayEntry, { report: original }, { populate: ['rate'] });
  if (!paid) return undefined;
  return unit.em.create(PayEntry, {
    person: paid.person,
    report: reversal,
    rate: paid.rate,
    good: reversal.good,
    scrap: reversal.scrap,
    fen: earned(reversal.good, reversal.scrap, paid.rate),
    day: paid.day,
    month: paid.month,
    recordedAt: unit.clock.now(),
  });
}

/** A person's earnings over days `from`..`to` (inclusive), with entries not yet flushed counted too. */
export async function earningsOf(
  em: EntityManager,
  personId: string,
  span: { from: string; to: string },
): Promise<PayEntry[]> {
  return em.find(
    PayEntry,
    { person: personId, day: { $gte: span.from, $lte: span.to } },
    { populate: ['report.task.workOrder', 'rate'], orderBy: { id: 'asc' } },
  );
}
