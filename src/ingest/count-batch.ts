import type { EntityManager, FilterQuery, LockMode } from '@mikro-orm/core';
import { rowWriteLock } from '../db/locking.js';
import type { Services } from '../services.js';
import { GatewayReading } from './gateway-reading.entity.js';
import { applyReadings, storeReadings, type CountInput } from './ingest-service.js';

/** The most readings one batch may carry: a gateway that buffered longer sends several. */
export const MAX_COUNT_BATCH = 500;

export interface BatchedReading {
  reading: GatewayReading;
  /** Its (device, seq) was stored before this batch, or earlier in it: nothing changed for it. */
  duplicate: boolean;
}

const keyOf = (r: { device: string; seq: number }) => `${r.device}\u0000${r.seq}`;

/** The stored readings of these (device, seq) pairs, one query per device. */
async function readingsOf(
  em: EntityManager,
  counts: readonly CountInput[],
  lock: boolean,
): Promise<Map<string, GatewayReading>> {
  const seqsByDevice = new Map<string, number[]>();
  for (const c of counts) seqsByDevice.set(c.device, [...(seqsByDevice.get(c.device) ?? []), c.seq]);
  const where: FilterQuery<GatewayReading> = {
    $or: [...seqsByDevice].map(([device, seqs]) => ({ device, seq: { $in: seqs } })),
  };
  const rows = await em.find(GatewayReading, where, {
    orderBy: { id: 'asc' },
    refresh: true,
    ...(lock ? (rowWriteLock(em) as { lockMode?: LockMode.PESSIMISTIC_WRITE }) : {}),
  });
  return new Map(rows.map((r) => [keyOf(r), r]));
}

/**
 * A gateway's buffered counts for one machine, in the caller's one transaction, as MQTT's
 * batches are: every new (device, seq) stored in one statement, whatever their order (late
 * ones count as much as early ones), then the machine's new counts applied together (one work
 * report, or one run of an exception). Replays, in this batch or from before, change nothing.
 * The pending rows are read locked, so a reading the MQTT applier stored too is applied once.
 */
export async function ingestCountBatch(
  deps: Services,
  counts: readonly CountInput[],
  receivedAt: Date,
): Promise<BatchedReading[]> {
  const { em } = deps;
  const before = await readingsOf(em, counts, false);
  const seen = new Set<string>();
  const fresh = counts.filter((c) => {
    const key = keyOf(c);
    const isNew = !before.has(key) && !seen.has(key);
    seen.add(key);
    return isNew;
  });
  await storeReadings(em, fresh, receivedAt);
  const stored = await readingsOf(em, counts, true);
  const pending = [...stored.values()].filter((r) => r.state === 'pending');
  // A twin request that stored one of "ours" first, after our first read, has applied it by now.
  const freshKeys = new Set(fresh.map(keyOf).filter((key) => stored.get(key)?.state === 'pending'));
  await applyReadings(deps, pending, { refuseWeighings: true });
  const answered = new Set<string>();
  return counts.map((c) => {
    const key = keyOf(c);
    const duplicate = !freshKeys.has(key) || answered.has(key);
    answered.add(key);
    return { reading: stored.get(key)!, duplicate };
  });
}
