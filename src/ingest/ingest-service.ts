import type { EntityManager, LockMode } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Actor } from '../chat/audit/actor.js';
import { rowWriteLock } from '../db/locking.js';
import { Equipment } from '../equipment/equipment.entity.js';
import { issueMaterial } from '../materials/issue-service.js';
import { peopleWithRole, personById } from '../people/directory.js';
import type { PersonView } from '../people/person-view.js';
import type { Services } from '../services.js';
import { RefusedError } from '../shared/errors.js';
import { raiseException } from '../workorders/exception-service.js';
import { OperationTask } from '../workorders/operation-task.entity.js';
import { reportTask } from '../workorders/reporting-service.js';
import { loadOrder } from '../workorders/task-lookup.js';
import { GatewayReading, type ReadingState } from './gateway-reading.entity.js';
import { ingestMessages as m } from './messages.js';

/** What a PLC counter says: pieces made since its previous message (good + scrap), numbered. */
export interface CountInput {
  equipment: string;
  device: string;
  seq: number;
  good: number;
  scrap: number;
  at: Date;
}

/** What a weighing scale says: this weight of a lot went to a work order. */
export interface WeighingInput {
  lot: string;
  order: string;
  weight: number;
  unit?: string;
  device: string;
  seq: number;
  at: Date;
}

export const GATEWAY_CHANNEL = 'gateway';

/**
 * A counter's message in good and scrap: `count` alone is all good; with `good` or `scrap`
 * the other is what remains of `count`; all three must add up.
 */
export function splitCount(
  count: number | undefined,
  good: number | undefined,
  scrap: number | undefined,
): { good: number; scrap: number } {
  const total = count ?? (good ?? 0) + (scrap ?? 0);
  const s = scrap ?? (good === undefined ? 0 : total - good);
  const g = good ?? total - s;
  if (g < 0 || s < 0 || g + s !== total)
    throw new RefusedError('count_mismatch', m.countMismatch(total, g, s), { good: g, scrap: s });
  return { good: g, scrap: s };
}

/**
 * Stores a reading unless its device has sent that sequence number before, in one statement
 * (a replay racing the original waits on the unique key, then is ignored). Returns the stored
 * reading and whether it is new; a replay gets the first one, whatever it carries now.
 */
export async function storeReading(
  em: EntityManager,
  reading: CountInput | WeighingInput,
  receivedAt: Date,
): Promise<{ reading: GatewayReading; fresh: boolean }> {
  const inserted = await storeReadings(em, [reading], receivedAt);
  const stored = await em.findOneOrFail(
    GatewayReading,
    { device: reading.device, seq: reading.seq },
    { refresh: true },
  );
  return { reading: stored, fresh: inserted > 0 };
}

/**
 * Rows per INSERT. Knex writes a multi-row insert for SQLite as one compound SELECT, and SQLite
 * refuses more than 500 terms in one ("too many terms in compound SELECT"): a broker's backlog
 * of 800 messages after a restart arrived as one batch and was refused on every retry.
 */
export const ROWS_PER_STATEMENT = 400;

/**
 * Stores readings in one transaction, each unless its device has sent its sequence number
 * before; returns how many were new.
 */
export async function storeReadings(
  em: EntityManager,
  readings: ReadonlyArray<CountInput | WeighingInput>,
  receivedAt: Date,
): Promise<number> {
  if (readings.length === 0) return 0;
  const rows = readings.map((reading) => {
    const count = 'equipment' in reading;
    return {
      kind: count ? ('count' as const) : ('weighing' as const),
      equipment: count ? reading.equipment : null,
      good: count ? reading.good : 0,
      scrap: count ? reading.scrap : 0,
      lot: count ? null : reading.lot.toUpperCase(),
      workOrder: count ? null : reading.order.toUpperCase(),
      weight: count ? null : reading.weight,
      unit: count ? null : (reading.unit ?? null),
      device: reading.device,
      seq: reading.seq,
      readAt: reading.at,
      receivedAt,
    };
  });
  const insert = async (target: EntityManager, chunk: typeof rows) => {
    const result = await (target as SqlEntityManager)
      .createQueryBuilder(GatewayReading)
      .insert(chunk)
      .onConflict(['device', 'seq'])
      .ignore()
      .execute('run');
    return result.affectedRows;
  };
  if (rows.length <= ROWS_PER_STATEMENT) return insert(em, rows);
  // All or nothing: the caller acknowledges every message of the batch once this commits.
  return em.transactional(async (tx) => {
    let fresh = 0;
    for (let at = 0; at < rows.length; at += ROWS_PER_STATEMENT) {
      fresh += await insert(tx, rows.slice(at, at + ROWS_PER_STATEMENT));
    }
    return fresh;
  });
}

/**
 * Applies pending readings, oldest first, at most `limit`, locked so that two applying
 * processes follow each other. Returns how many were applied.
 */
export async function applyPending(deps: Services, limit: number): Promise<number> {
  const pending = await deps.em.find(
    GatewayReading,
    { state: 'pending' },
    {
      orderBy: { id: 'asc' },
      limit,
      ...(rowWriteLock(deps.em) as { lockMode?: LockMode.PESSIMISTIC_WRITE }),
    },
  );
  await applyReadings(deps, pending, { refuseWeighings: false });
  return pending.length;
}

/**
 * Turns pending readings into what they mean. A machine's counts together become one work
 * report on the task running on it; with no task running (or a report the rules refuse) they
 * join the machine's open run of unreported counts, whose first reading raised a production
 * exception. Each weighing becomes a material issue; a refused one is kept as refused, or,
 * with `refuseWeighings` (an API call, whose caller hears why), refused to the caller.
 */
export async function applyReadings(
  deps: Services,
  readings: readonly GatewayReading[],
  options: { refuseWeighings: boolean },
): Promise<void> {
  const byEquipment = new Map<string, GatewayReading[]>();
  for (const r of readings) {
    if (r.state !== 'pending') continue;
    if (r.kind === 'weighing') await applyWeighing(deps, r, options.refuseWeighings);
    else byEquipment.set(r.equipment ?? '', [...(byEquipment.get(r.equipment ?? '') ?? []), r]);
  }
  for (const [code, counts] of byEquipment) await applyCounts(deps, code, counts);
  await deps.em.flush();
}

async function applyCounts(deps: Services, code: string, readings: GatewayReading[]): Promise<void> {
  const { em } = deps;
  const good = readings.reduce((sum, r) => sum + r.good, 0);
  const scrap = readings.reduce((sum, r) => sum + r.scrap, 0);
  const at = new Date(Math.max(...readings.map((r) => r.readAt.getTime())));
  const first = readings.reduce((a, b) => (b.seq < a.seq ? b : a));
  if (!(await em.findOne(Equipment, code)))
    return settle(readings, 'refused', { note: m.unknownEquipment(code) });
  if (good + scrap === 0) return settle(readings, 'reported', {});

  const running = await em.findOne(
    OperationTask,
    {
      equipment: code,
      status: { $in: ['in_progress', 'dispatched'] },
      workOrder: { status: { $in: ['released', 'in_progress'] } },
    },
    // in_progress before dispatched; of several, the one started last.
    { orderBy: [{ status: 'desc' }, { startedAt: 'desc' }, { id: 'desc' }], populate: ['workOrder'] },
  );
  let reason = m.noRunningTask(code, first.device, first.seq, good + scrap);
  if (running) {
    const loaded = await loadOrder(em, running.workOrder.number);
    const task = loaded.tasks.find((t) => t.id === running.id);
    const person =
      (task?.assignee ? await personById(em, task.assignee.id) : undefined) ?? (await bookedPerson(deps));
    if (task && person) {
      try {
        const { report } = await reportTask(deps, actorOf(person, at), loaded, task, good, scrap);
        return settle(readings, 'reported', { report });
      } catch (error) {
        if (!(error instanceof RefusedError)) throw error;
        reason = m.reportRefused(
          code,
          first.device,
          first.seq,
          good + scrap,
          error.userMessage ?? error.message,
        );
      }
    }
  }
  await joinExceptionRun(deps, code, readings, reason, at);
}

/**
 * Counts no task took: the machine's run of such counts goes on while its last settled
 * reading belongs to one whose exception is still open; otherwise they start a new run, with
 * an exception on the machine's last work order (or, when it never had one, a message to the
 * supervisors).
 */
async function joinExceptionRun(
  deps: Services,
  code: string,
  readings: GatewayReading[],
  reason: string,
  at: Date,
): Promise<void> {
  const { em } = deps;
  const last = await em.findOne(
    GatewayReading,
    { equipment: code, kind: 'count', state: { $ne: 'pending' } },
    { orderBy: { id: 'desc' }, populate: ['exception'] },
  );
  if (last?.state === 'unassigned') return settle(readings, 'unassigned', { note: reason });
  if (last?.state === 'exception' && last.exception && last.exception.status !== 'closed')
    return settle(readings, 'exception', { exception: last.exception, note: reason });

  const lastTask = await em.findOne(
    OperationTask,
    { equipment: code },
    { orderBy: { id: 'desc' }, populate: ['workOrder'] },
  );
  const person = await bookedPerson(deps);
  if (lastTask && person) {
    const loaded = await loadOrder(em, lastTask.workOrder.number);
    const task = loaded.tasks.find((t) => t.id === lastTask.id);
    const exception = await raiseException(deps, actorOf(person, at), loaded, task, reason);
    return settle(readings, 'exception', { exception, note: reason });
  }
  deps.logger.warn({ equipment: code }, 'gateway counts on a machine without any work order');
  const first = readings.reduce((a, b) => (b.seq < a.seq ? b : a));
  const count = readings.reduce((sum, r) => sum + r.good + r.scrap, 0);
  const text = m.unassignedCounts(code, first.device, first.seq, count);
  for (const supervisor of await peopleWithRole(em, 'supervisor'))
    await deps.outbox.enqueue(em, { kind: 'person', personId: supervisor.id }, { kind: 'text', text });
  settle(readings, 'unassigned', { note: reason });
}

async function applyWeighing(deps: Services, reading: GatewayReading, refuse: boolean): Promise<void> {
  try {
    const person = await bookedPerson(deps);
    if (!person) throw new RefusedError('no_gateway_person', m.noBookedPerson);
    const loaded = await loadOrder(deps.em, reading.workOrder ?? '');
    const { issue } = await issueMaterial(
      deps,
      actorOf(person, reading.readAt),
      loaded,
      reading.lot ?? '',
      reading.weight ?? 0,
      reading.unit ?? undefined,
    );
    settle([reading], 'issued', { issue });
  } catch (error) {
    if (refuse || !(error instanceof RefusedError)) throw error;
    deps.logger.warn(
      { device: reading.device, seq: reading.seq, code: error.code },
      'gateway weighing refused',
    );
    settle([reading], 'refused', { note: error.userMessage ?? error.message });
  }
}

function settle(
  readings: GatewayReading[],
  state: ReadingState,
  outcome: Partial<Pick<GatewayReading, 'report' | 'exception' | 'issue' | 'note'>>,
): void {
  for (const r of readings) Object.assign(r, { state, ...outcome });
}

/** Who the gateway's records are booked to when no operator is known. */
async function bookedPerson(deps: Services): Promise<PersonView | undefined> {
  const configured = deps.config.ingest.person;
  if (configured !== undefined) return personById(deps.em, configured);
  return (await peopleWithRole(deps.em, 'supervisor'))[0];
}

const actorOf = (person: PersonView, at: Date): Actor => ({
  person,
  channel: GATEWAY_CHANNEL,
  inboundEventId: null,
  at,
});
