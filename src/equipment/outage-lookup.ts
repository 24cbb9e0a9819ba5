import type { EntityManager } from '@mikro-orm/core';
import type { RepairsConfig } from './config.js';
import { Downtime } from './downtime.entity.js';
import { MaintenanceTask } from './maintenance/maintenance-task.entity.js';
import { limitMinutes } from './repairs/repair-limits.js';
import { REPAIR_STATES } from './repairs/repair-ticket.entity.js';

/** A machine out of use now, with when it is expected back. */
export interface Outage {
  equipment: string;
  kind: 'repair' | 'stopped' | 'maintenance';
  from: Date;
  /** Expected back: never before `now`. */
  to: Date;
}

export interface OutageAssumptions {
  repairs: RepairsConfig;
  /** How long a 停机 without a repair ticket lasts from its start. */
  stoppedHours: number;
  /** How long a maintenance round lasts from when it was taken on. */
  maintenanceHours: number;
}

const MINUTE = 60_000;

/**
 * The machines down now (维修中, 停机, 保养中) and when each is expected back. A repair is
 * expected to take its steps' time limits: the rest of the current step's, then each later
 * step's up to 验收, which ends the downtime. Nobody states an end for a 停机 or a maintenance
 * round, so the factory's assumption stands in; an estimate already past means "back now".
 */
export async function currentOutages(
  em: EntityManager,
  now: Date,
  assume: OutageAssumptions,
): Promise<Outage[]> {
  const down = await em.find(
    Downtime,
    { endedAt: null, startedAt: { $lte: now } },
    { populate: ['ticket'], orderBy: { id: 'asc' } },
  );
  const maintaining = await em.find(
    MaintenanceTask,
    { status: 'accepted' },
    { fields: ['equipment', 'acceptedAt', 'createdAt'], orderBy: { id: 'asc' } },
  );
  const atLeastNow = (at: number) => new Date(Math.max(at, now.getTime()));
  return [
    ...down.map((d): Outage => {
      const ticket = d.ticket;
      if (!ticket)
        return {
          equipment: d.equipment.code,
          kind: 'stopped',
          from: d.startedAt,
          to: atLeastNow(d.startedAt.getTime() + assume.stoppedHours * 60 * MINUTE),
        };
      const later = REPAIR_STATES.slice(REPAIR_STATES.indexOf(ticket.state) + 1);
      const stepEnd =
        ticket.stateSince.getTime() + (limitMinutes(ticket.state, assume.repairs) ?? 0) * MINUTE;
      const rest = later.reduce((sum, s) => sum + (limitMinutes(s, assume.repairs) ?? 0), 0);
      return {
        equipment: d.equipment.code,
        kind: 'repair',
        from: d.startedAt,
        to: new Date(atLeastNow(stepEnd).getTime() + rest * MINUTE),
      };
    }),
    ...maintaining.map((t): Outage => {
      const from = t.acceptedAt ?? t.createdAt;
      return {
        equipment: t.equipment.code,
        kind: 'maintenance',
        from,
        to: atLeastNow(from.getTime() + assume.maintenanceHours * 60 * MINUTE),
      };
    }),
  ];
}
