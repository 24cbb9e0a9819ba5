import type { EntityManager } from '@mikro-orm/core';
import { recordAudit, type Actor } from '../chat/audit/actor.js';
import { Person } from '../people/person.entity.js';
import { RefusedError } from '../shared/errors.js';
import { Downtime } from './downtime.entity.js';
import type { Equipment } from './equipment.entity.js';
import { settleStatus } from './equipment-status.js';
import { equipmentMessages as m } from './messages.js';
import { shortTime } from './maintenance/task-view.js';

export const minutesBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 60_000);

/** The machine's open stop without a repair ticket (a 停机 report), if any. */
export async function openStop(em: EntityManager, equipment: Equipment): Promise<Downtime | null> {
  return em.findOne(Downtime, { equipment: equipment.code, endedAt: null, ticket: null });
}

/** 停机: the machine stands still from now; a 报修 that follows takes this stop over. */
export async function stopEquipment(
  em: EntityManager,
  actor: Actor,
  equipment: Equipment,
  reason: string,
  tz: string,
): Promise<Downtime> {
  const open = await em.findOne(Downtime, { equipment: equipment.code, endedAt: null });
  if (open)
    throw new RefusedError(
      'already_stopped',
      m.alreadyStopped(equipment.code, shortTime(open.startedAt, tz)),
    );
  const downtime = em.create(Downtime, {
    equipment,
    startedAt: actor.at,
    reason,
    reportedBy: em.getReference(Person, actor.person.id),
  });
  await em.flush();
  await settleStatus(em, equipment);
  recordAudit(em, actor, 'equipment.stop', 'equipment', equipment.code, { reason });
  return downtime;
}

/** 开机: ends a stop; a stop that became a repair ends only with the repair's 验收. */
export async function restartEquipment(
  em: EntityManager,
  actor: Actor,
  equipment: Equipment,
): Promise<number> {
  const open = await em.find(
    Downtime,
    { equipment: equipment.code, endedAt: null },
    { orderBy: { id: 'asc' } },
  );
  const repair = open.find((d) => d.ticket);
  if (repair?.ticket)
    throw new RefusedError('in_repair', m.stoppedForRepair(equipment.code, repair.ticket.id));
  const stop = open[0];
  if (!stop) throw new RefusedError('not_stopped', m.notStopped(equipment.code));
  stop.endedAt = actor.at;
  await em.flush();
  await settleStatus(em, equipment);
  recordAudit(em, actor, 'equipment.restart', 'equipment', equipment.code, {});
  return minutesBetween(stop.startedAt, actor.at);
}

/** Every stretch of downtime that overlaps [start, end), open ones running to `end`. */
export async function downtimeBetween(
  em: EntityManager,
  start: Date,
  end: Date,
): Promise<Array<{ equipment: string; from: Date; to: Date }>> {
  const rows = await em.find(Downtime, {
    startedAt: { $lt: end },
    $or: [{ endedAt: null }, { endedAt: { $gt: start } }],
  });
  return rows.map((d) => ({ equipment: d.equipment.code, from: d.startedAt, to: d.endedAt ?? end }));
}
