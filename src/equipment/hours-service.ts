import type { Services } from '../services.js';
import { raw, type EntityManager } from '@mikro-orm/core';
import { rowWriteLock } from '../db/locking.js';
import { AppError, NotFoundError } from '../shared/errors.js';
import type { WorkReport } from '../workorders/work-report.entity.js';
import { Equipment } from './equipment.entity.js';
import { EquipmentRunCredit } from './run-credit.entity.js';
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
 * A work report ran its machine from `minutes` before `report.reportedAt` until then; only the
 * part after what the machine's earlier reports counted is added (two operations in progress on
 * one machine report overlapping time). What was added is kept when it is less than the report's
 * minutes, for an 撤销 to take back. Two reports on different orders committing at the same
 * moment may both count their overlap: each holds only its own order's lock.
 */
export async function countReportMinutes(deps: Services, report: WorkReport): Promise<void> {
  const equipment = report.equipment;
  if (!equipment || report.minutes <= 0) return;
  const at = report.reportedAt.getTime();
  const counted = equipment.countedUntil?.getTime() ?? -Infinity;
  const from = Math.max(at - report.minutes * 60_000, counted);
  const minutes = Math.min(report.minutes, Math.max(0, Math.round((at - from) / 60_000)));
  const until = new Date(Math.max(at, counted));
  const moved = await deps.em.nativeUpdate(
    Equipment,
    { code: equipment.code, hoursSource: 'reports' },
    { runningMinutes: raw('running_minutes + ?', [minutes]), countedUntil: until },
  );
  if (moved === 0) return;
  if (minutes < report.minutes)
    deps.em.create(EquipmentRunCredit, { report, equipmentCode: equipment.code, minutes });
  afterReportedHours(deps, equipment.code);
}

/** What an 撤销 of `original` takes off its machine: what it added, or (kept by none) all its minutes. */
export async function minutesCountedFor(deps: Services, original: WorkReport): Promise<number> {
  const credit = await deps.em.findOne(EquipmentRunCredit, { report: original.id });
  return credit ? credit.minutes : original.minutes;
}

/**
 * Moves a report-fed machine's counter by `minutes` (an 撤销 takes its report's back); a machine
 * with a gateway counts the meter's hours instead. The counter is moved by an increment in the
 * database, not set from what this unit of work read: reports on other orders (which hold only
 * their own order's lock) and gateway readings may move it meanwhile. Whether that made
 * maintenance due is checked for this machine once the report is committed, as after a gateway
 * reading.
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
  afterReportedHours(deps, equipment.code);
}

/** Whether the hours made maintenance due is checked for this machine once the report commits. */
function afterReportedHours(deps: Services, code: string): void {
  deps.afterCommit?.(async (services) => {
    await scanMaintenance(services, code);
  });
}
