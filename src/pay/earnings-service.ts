import type { EntityManager } from '@mikro-orm/core';
import { Person } from '../people/person.entity.js';
import type { Services } from '../services.js';
import { inZone } from '../shared/time.js';
import type { WorkReport } from '../workorders/work-report.entity.js';
import { landingOf } from './month/open-month.js';
import { PayEntry } from './pay-entry.entity.js';
import type { PieceRate } from './piece-rate.entity.js';
import { rateFor } from './rates-service.js';
import { splitFen, splitWeights, teamWorkers, type Share } from './team-split.js';

/** Good pieces at the rate and the scrap deduction, in fen; exact for any integer counts. */
function priced(good: number, scrap: number, rate: { fenPerPiece: number; scrapFen: number }) {
  return { gross: good * rate.fenPerPiece, deduction: scrap * rate.scrapFen };
}

interface EntryDraft {
  report: WorkReport;
  rate: PieceRate;
  good: number;
  scrap: number;
  /** The day the earning counts on before any closed month moves it. */
  day: string;
  /** The report a late entry corrects. */
  original: WorkReport;
}

/**
 * Writes one entry per share, in the landing month when the earning's own month is closed. A
 * member of a split whose part is nothing (no share, no minutes) gets no entry.
 */
async function writeEntries(
  unit: Services,
  draft: EntryDraft,
  gross: Share[],
  deduction: Share[],
): Promise<PayEntry[]> {
  const today = inZone(unit.clock.now(), unit.tz).format('YYYY-MM-DD');
  const landing = await landingOf(unit.em, draft.day, today);
  const parts = gross
    .map((share, i) => ({ personId: share.personId, gross: share.fen, deduction: deduction[i]?.fen ?? 0 }))
    .filter((part) => gross.length === 1 || part.gross !== 0 || part.deduction !== 0);
  return parts.map((part) =>
    unit.em.create(PayEntry, {
      // Every share is a person just read (the reporter, a team member, one an entry paid).
      person: unit.em.getReference(Person, part.personId),
      report: draft.report,
      rate: draft.rate,
      good: draft.good,
      scrap: draft.scrap,
      fen: part.gross - part.deduction,
      deductionFen: part.deduction,
      splitAmong: parts.length,
      lateFor: landing.late ? draft.original : null,
      day: landing.day,
      month: landing.month,
      recordedAt: unit.clock.now(),
    }),
  );
}

/**
 * What a 报工 earned, written in its own transaction; nothing when no rate covers its operation
 * (the factory has not priced it). A team rate on a task dispatched to the whole team (no
 * assignee) is split among the team's workers by factory.yaml `pay.teamSplit`. Returns the entries.
 */
export async function earnReport(unit: Services, report: WorkReport): Promise<PayEntry[]> {
  const task = report.task;
  const day = inZone(report.reportedAt, unit.tz).format('YYYY-MM-DD');
  const person = await unit.em.findOneOrFail(Person, report.person.id);
  const teamTask = task.team !== null && task.team !== undefined && !task.assignee;
  const rate = await rateFor(unit.em, {
    itemCode: task.workOrder.item.code,
    sequence: task.sequence,
    day,
    teamId: teamTask ? task.team?.id : person.team?.id,
    equipmentCode: report.equipment?.code,
  });
  if (!rate) return [];
  const { gross, deduction } = priced(report.good, report.scrap, rate);
  const draft = { report, rate, good: report.good, scrap: report.scrap, day, original: report };
  const members = teamTask && rate.teamId ? await teamWorkers(unit.em, rate.teamId) : [];
  if (members.length === 0) {
    return writeEntries(
      unit,
      draft,
      [{ personId: person.id, fen: gross }],
      [{ personId: person.id, fen: deduction }],
    );
  }
  const weights = await splitWeights(unit.em, unit.config.pay, task, members, day.slice(0, 7), unit.tz);
  const leftover = unit.config.pay.leftoverFen;
  return writeEntries(
    unit,
    draft,
    splitFen(gross, weights, leftover),
    splitFen(deduction, weights, leftover),
  );
}

/**
 * A reversal takes back, at the original's rate and on the original's day, what its signed pieces
 * change — from each person the original paid, in the proportions it paid them (a full reversal
 * takes back exactly what each got).
 */
export async function earnReversal(
  unit: Services,
  original: WorkReport,
  reversal: WorkReport,
): Promise<PayEntry[]> {
  const paid = await unit.em.find(
    PayEntry,
    { report: original },
    { populate: ['rate'], orderBy: { person: 'asc' } },
  );
  const rate = paid[0]?.rate;
  if (!rate) return [];
  const { gross, deduction } = priced(reversal.good, reversal.scrap, rate);
  const weightsOf = (part: (e: PayEntry) => number) =>
    paid.map((e) => ({ personId: e.person.id, weight: Math.abs(part(e)) }));
  const draft = {
    report: reversal,
    rate,
    good: reversal.good,
    scrap: reversal.scrap,
    day: inZone(original.reportedAt, unit.tz).format('YYYY-MM-DD'),
    original,
  };
  return writeEntries(
    unit,
    draft,
    splitFen(
      gross,
      weightsOf((e) => e.fen + e.deductionFen),
      unit.config.pay.leftoverFen,
    ),
    splitFen(
      deduction,
      weightsOf((e) => e.deductionFen),
      unit.config.pay.leftoverFen,
    ),
  );
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
