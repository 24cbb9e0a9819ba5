import type { Services } from '../services.js';
import { raw, type EntityManager } from '@mikro-orm/core';
import { rowWriteLock } from '../db/locking.js';
import { AppError, NotFoundError } from '../shared/errors.js';
import { Equipment } from './equipment.entity.js';
import { scanMaintenance } from './maintenance/maintenance-scan.js';

/** A gateway's reading: the machine's absolute hour counter, or hours run since its last reading. */
export type HoursReading = { hours: number } | { increment: number };

/** A counter kept in whole minutes, as hours to two decimals: 385864 minutes are 6431.07 h. */
export function hoursOfMinutes(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}

export class CounterBackwardsError extends AppError {
  constructor(code: string, currentHours: number, readingHours: number) {
    super(
      'counter_backwards',
      `The running-hours counter of ${code} is at ${currentHours} h; a reading of ${readingHours} h would move it backwards.`,
      { status: 422, details: { equipment: code, currentHours, readingHours } },
    );
  }
}

/**
 * Moves a machine's running-hours counter. An absolute counter may only stay or go forward:
 * a smaller one means a reset meter or a wrong machine, and is refused so that no plan is
 * pushed back by it.
 */
export async function recordHours(
  em: EntityManager,
  code: string,
  reading: HoursReading,
): Promise<Equipment> {
  const equipment = await em.findOne(Equipment, { code }, rowWriteLock(em));
  if (!equipment) throw new NotFoundError('equipment', code);
  equipment.hoursSource = 'gateway';
  if ('hours' in reading) {
    const minutes = Math.round(reading.hours * 60);
    if (minutes < equipment.runningMinutes)
      throw new CounterBackwardsError(code, hoursOfMinutes(equipment.runningMinutes), reading.hours);
    equipment.runningMinutes = minutes;
  } else {
    equipment.runningMinutes += Math.round(reading.increment * 60);
  }
  await em.flush();
  return equipment;
}

/**
 * A work report ran the machine for `minutes`; a machine with a gateway counts the meter's hours
 * instead. The counter is moved by an increment in the database, not set from what this unit
 * of work read: reports on other orders (which hold only their own order's lock) and gateway
 * readings may move it meanwhile. Whether that made maintenance due is checked for this machine
 * once the report is committed, as after a gateway reading.
 */
export async function addRunningMinutes(
  deps: Services,
  equipment: Equipment,
  minutes: number,
): Promise<void> {
  const moved = await deps.em.nativeUpdate(
    Equipment,
    { code: equipment.code, hoursSource: 'reports' },
    { runningMinutes: raw('running_minutes + ?', [minutes]) },
  );
  if (moved === 0) return;
  deps.afterCommit?.(async (services) => {
    await scanMaintenance(services, equipment.code);
  });
}
