import type { EntityManager } from '@mikro-orm/core';
import { keptRead } from '../db/kept-reads.js';
import { PieceRate } from './piece-rate.entity.js';

export interface RateInput {
  itemCode: string;
  sequence: number;
  fenPerPiece: number;
  scrapFen?: number;
  teamId?: string | null;
  equipmentCode?: string | null;
  effectiveFrom: string;
}

const YUAN = /^(\d{1,7})(?:\.(\d{1,2}))?$/;

/**
 * `0.35` (yuan, as a sheet or a clerk writes it) as 35 fen, read from the digits so no float
 * ever rounds it; undefined for anything that is not a non-negative amount with at most two
 * decimals (a rate finer than a fen is refused, not rounded).
 */
export function fenOfYuan(text: string): number | undefined {
  const match = YUAN.exec(text.trim().replace(/^¥/, ''));
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/** The rates with exactly this operation, team, machine and effective day (at most one, normally). */
export async function ratesLike(
  em: EntityManager,
  input: Omit<RateInput, 'fenPerPiece' | 'scrapFen'>,
): Promise<PieceRate[]> {
  return em.find(PieceRate, {
    itemCode: input.itemCode,
    sequence: input.sequence,
    teamId: input.teamId ?? null,
    equipmentCode: input.equipmentCode ?? null,
    effectiveFrom: input.effectiveFrom,
  });
}

/** Adds a rate; earlier rates stay, for the reports made under them. */
export function addRate(em: EntityManager, input: RateInput, now: Date): PieceRate {
  return em.create(PieceRate, {
    itemCode: input.itemCode,
    sequence: input.sequence,
    fenPerPiece: input.fenPerPiece,
    scrapFen: input.scrapFen ?? 0,
    teamId: input.teamId ?? null,
    equipmentCode: input.equipmentCode ?? null,
    effectiveFrom: input.effectiveFrom,
    createdAt: now,
  });
}

export interface RateQuery {
  itemCode: string;
  sequence: number;
  /** YYYY-MM-DD, factory zone. */
  day: string;
  teamId: string | undefined;
  equipmentCode: string | undefined;
}

/**
 * The rate a report earns: among the rates of its operation in force on its day, those for its
 * team and machine before the general ones, and of equals the latest.
 */
export async function rateFor(em: EntityManager, q: RateQuery): Promise<PieceRate | undefined> {
  const candidates = (await ratesOfOperation(em, q.itemCode, q.sequence)).filter(
    (r) => r.effectiveFrom <= q.day,
  );
  const fits = (r: PieceRate) =>
    (r.teamId === null || r.teamId === q.teamId) &&
    (r.equipmentCode === null || r.equipmentCode === q.equipmentCode);
  const narrowness = (r: PieceRate) => (r.teamId ? 2 : 0) + (r.equipmentCode ? 1 : 0);
  const fitting = candidates.filter(fits);
  const narrowest = Math.max(-1, ...fitting.map(narrowness));
  const rate = fitting.find((r) => narrowness(r) === narrowest);
  // Into this unit of work as the row it is, without reading it again: its entries refer to it.
  return rate && em.merge(PieceRate, rate);
}

/**
 * Every rate of an operation, latest first, kept between reports (every 报工 asks): rates change
 * a few times a month, and a rate added here is seen at once (another server's, within the
 * kept-read time; a new rate takes effect from a day, which the office sets ahead).
 */
function ratesOfOperation(em: EntityManager, itemCode: string, sequence: number): Promise<PieceRate[]> {
  return keptRead(
    em,
    `piece rates|${itemCode}|${sequence}`,
    ['PieceRate'],
    async () =>
      (
        await em.find(
          PieceRate,
          { itemCode, sequence },
          { orderBy: { effectiveFrom: 'desc', id: 'desc' }, disableIdentityMap: true },
        )
      ).map((r) => ({ ...r })), // plain copies: kept across units of work
  );
}
