import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { FactoryConfig } from '../config/factory-config.js';
import { Equipment } from '../equipment/equipment.entity.js';
import { currentOutages } from '../equipment/outage-lookup.js';
import { shiftAt, shiftsStartingIn } from '../shared/shifts.js';
import { dayjs, inZone, zonedAt } from '../shared/time.js';
import { workingDayTest } from './config.js';
import { planningMessages as m } from './messages.js';

/** How far a projected finish is searched for beyond the horizon before it is called "beyond". */
const SEARCH_DAYS = 120;
const MINUTE = 60_000;

/** An order the load projects to finish after its due date (the board and the digest show these). */
export interface AtRiskOrder {
  orderNumber: string;
  itemCode: string;
  /** The end of the due day (23:59:59.999 factory time): finishing any time that day is on time. */
  dueAt: Date;
  projectedFinishAt: Date;
  /** Why, in Chinese: e.g. `CNC-01 超负荷 12-03 130%`. */
  reason: string;
}

export interface LoadDay {
  /** Factory-local `YYYY-MM-DD`. */
  day: string;
  /** Shift minutes the resource has that day (from now on, today), less its downtime. */
  capacity: number;
  /** Minutes of remaining work that would run that day were the resource free for each order. */
  demand: number;
}

/** A machine, or a work centre no machine is declared for, with its days (`planning.horizonDays`). */
export interface ResourceLoad {
  code: string;
  name: string;
  teamId: string | null;
  days: LoadDay[];
}

export interface OrderProjection {
  orderNumber: string;
  itemCode: string;
  dueAt: Date;
  projectedFinishAt: Date;
  /** Set when the projected finish is after the due date. */
  reason: string | null;
}

export interface CapacityLoad {
  days: string[];
  resources: ResourceLoad[];
  orders: OrderProjection[];
}

/** One remaining operation, as read from the database. */
interface OpenOperation {
  orderId: number;
  orderNumber: string;
  itemCode: string;
  dueDate: string;
  priority: number;
  sequence: number;
  name: string;
  minutes: number;
  /** Machine codes it may run on (one when dispatched to a machine; every machine of its type otherwise). */
  machines: string[];
}

interface Interval {
  day: number;
  start: number;
  end: number;
}

/** A stretch a machine will not run, and how the reason for a late order names it. */
interface Unavailable {
  from: number;
  to: number;
  label: string;
}

/**
 * The factory's shifts from `now` on, as plain instants, each with the index of the local day it
 * starts on (0 = today; a night shift running at `now` counts to today). A shift that starts on a
 * day the calendar says the factory does not work is left out whole.
 */
function shiftIntervals(config: FactoryConfig, tz: string, now: Date, days: string[]): Interval[] {
  const until = zonedAt(dayjs(days[0]).add(SEARCH_DAYS, 'day').format('YYYY-MM-DD'), '00:00', tz).toDate();
  const found = shiftsStartingIn(now, until, config.shifts, tz).map((s) => ({ ...s, opened: s.start }));
  const running = shiftAt(now, config.shifts, tz);
  if (running && running.start < now) found.unshift({ ...running, start: now, opened: running.start });
  const working = workingDayTest(config.planning.calendar);
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  return found.flatMap((s) => {
    if (!working(inZone(s.opened, tz).format('YYYY-MM-DD'))) return [];
    const local = inZone(s.start, tz).format('YYYY-MM-DD');
    return [
      {
        day: dayIndex.get(local) ?? (local < days[0]! ? 0 : days.length),
        start: s.start.getTime(),
        end: s.end.getTime(),
      },
    ];
  });
}

/** The shift intervals less the stretches a machine is down, each piece keeping its day. */
function withoutDowntime(intervals: Interval[], down: Unavailable[]): Interval[] {
  return intervals.flatMap((iv) =>
    down.reduce<Interval[]>(
      (pieces, d) =>
        pieces.flatMap((p) =>
          d.to <= p.start || d.from >= p.end
            ? [p]
            : [
                ...(d.from > p.start ? [{ day: p.day, start: p.start, end: d.from }] : []),
                ...(d.to < p.end ? [{ day: p.day, start: d.to, end: p.end }] : []),
              ],
        ),
      [iv],
    ),
  );
}

/**
 * Each machine's downtime from now on: the ones down now (维修中, 停机, 保养中) until they are
 * expected back, and the maintenance windows factory.yaml plans.
 */
async function downtimeByMachine(
  em: EntityManager,
  config: FactoryConfig,
  tz: string,
  now: Date,
): Promise<Map<string, Unavailable[]>> {
  const { planning } = config;
  const current = await currentOutages(em, now, {
    repairs: config.repairs,
    stoppedHours: planning.stoppedHours,
    maintenanceHours: planning.maintenanceHours,
  });
  const at = (local: string) => {
    const [day = '', time = ''] = local.split(' ');
    return zonedAt(day, time, tz).valueOf();
  };
  const byMachine = new Map<string, Unavailable[]>();
  const add = (code: string, d: Unavailable) => {
    if (d.to > now.getTime()) byMachine.set(code, [...(byMachine.get(code) ?? []), d]);
  };
  for (const o of current)
    add(o.equipment, { from: o.from.getTime(), to: o.to.getTime(), label: m.downKind[o.kind] });
  for (const w of planning.maintenanceWindows)
    add(w.equipment, { from: at(w.from), to: at(w.to), label: m.plannedDown(w.reason) });
  for (const list of byMachine.values()) list.sort((a, b) => a.from - b.from);
  return byMachine;
}

/**
 * Runs `minutes` of work from `from` over the shift intervals; `spent(day, minutes)` hears where
 * it went. Returns the instant it ends (past the last interval: as if the work ran on).
 */
function run(
  intervals: Interval[],
  from: number,
  minutes: number,
  spent?: (day: number, minutes: number) => void,
): number {
  if (minutes <= 0) return from;
  let left = minutes;
  let i = firstEndingAfter(intervals, from);
  for (; i < intervals.length; i++) {
    const iv = intervals[i]!;
    const start = Math.max(iv.start, from);
    const available = (iv.end - start) / MINUTE;
    if (available <= 0) continue;
    const used = Math.min(available, left);
    spent?.(iv.day, used);
    left -= used;
    if (left <= 1e-9) return start + used * MINUTE;
  }
  const last = intervals.at(-1)?.end ?? from;
  return Math.max(last, from) + left * MINUTE;
}

function firstEndingAfter(intervals: Interval[], at: number): number {
  let lo = 0;
  let hi = intervals.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (intervals[mid]!.end <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The released and running orders' operations not yet done, with the minutes left on each. */
async function openOperations(
  em: EntityManager,
  machinesByType: Map<string, string[]>,
  machineCodes: Set<string>,
): Promise<OpenOperation[]> {
  const knex = (em as SqlEntityManager).getKnex();
  const query = knex
    .select(
      't.sequence as sequence',
      't.name as name',
      't.planned_quantity as planned',
      't.good_total as good',
      't.standard_minutes as standard_minutes',
      't.equipment_code as equipment',
      knex.raw('case when t.started_at is null then 0 else 1 end as started'),
      'o.id as order_id',
      'o.number as number',
      'o.item_code as item',
      'o.due_date as due_date',
      'o.priority as priority',
      'r.setup_minutes as setup_minutes',
      'r.equipment_type as equipment_type',
      'r.work_center as work_center',
    )
    .from('operation_tasks as t')
    .join('work_orders as o', 'o.id', 't.work_order_id')
    .leftJoin('routing_steps as r', function () {
      this.on('r.item_code', '=', 'o.item_code').andOn('r.sequence', '=', 't.sequence');
    })
    .whereIn('o.status', ['released', 'in_progress'])
    .whereIn('t.status', ['pending', 'dispatched', 'in_progress'])
    .toSQL();
  // Through the unit's connection, so a caller inside a transaction reads (and on SQLite waits on) its own.
  const rows = (await (em as SqlEntityManager)
    .getConnection()
    .execute(query.sql, [...query.bindings], 'all', em.getTransactionContext())) as Array<
    Record<string, unknown>
  >;
  return rows.map((r) => {
    const good = Number(r.good);
    const remaining = Math.max(0, Number(r.planned) - good);
    const started = Number(r.started) === 1 || good > 0;
    const setup = started ? 0 : Number(r.setup_minutes ?? 0);
    const equipment = r.equipment === null ? null : String(r.equipment);
    const type =
      r.equipment_type === null || r.equipment_type === undefined ? null : String(r.equipment_type);
    const centre = r.work_center === null || r.work_center === undefined ? null : String(r.work_center);
    const machines =
      equipment !== null && machineCodes.has(equipment)
        ? [equipment]
        : type !== null && machinesByType.has(type)
          ? machinesByType.get(type)!
          : centre !== null
            ? [centre]
            : [];
    return {
      orderId: Number(r.order_id),
      orderNumber: String(r.number),
      itemCode: String(r.item),
      dueDate: String(r.due_date),
      priority: Number(r.priority),
      sequence: Number(r.sequence),
      name: String(r.name),
      minutes: remaining > 0 ? remaining * Number(r.standard_minutes) + setup : 0,
      machines,
    };
  });
}

/**
 * The next `planning.horizonDays` days' load per machine and each open order's projected finish.
 *
 * Time: the shifts of the days the factory calendar says are worked; a machine loses the hours it
 * is down (repairs, stops and maintenance under way until expected back; planned windows).
 *
 * Demand (the load chart): each order's operations laid one after the other from now over the
 * shifts, as if each machine were free for it alone, so a day where orders pile up shows above
 * 100 %. Work for a machine type is shared equally by the machines of that type (over the
 * factory's shifts); work for one machine runs in that machine's hours; an operation with no
 * machine, type or work centre loads nothing. Capacity: each machine's own hours.
 *
 * Projected finish: the orders take the machines in turn (priority, then due date, then number),
 * each operation after its predecessor and after what the machine already has; an operation for
 * a machine type takes whichever of its machines starts it first (finishes it first where one of
 * them has downtime ahead).
 */
export async function capacityLoad(
  em: EntityManager,
  config: FactoryConfig,
  tz: string,
  now: Date,
): Promise<CapacityLoad> {
  const today = inZone(now, tz).format('YYYY-MM-DD');
  const horizon = config.planning.horizonDays;
  const days = Array.from({ length: horizon }, (_, i) => dayjs(today).add(i, 'day').format('YYYY-MM-DD'));
  const intervals = shiftIntervals(config, tz, now, days);
  const downtime = await downtimeByMachine(em, config, tz, now);
  const hoursOf = new Map([...downtime].map(([code, down]) => [code, withoutDowntime(intervals, down)]));
  /** A machine's own hours: the shifts, less its downtime. */
  const intervalsOf = (code: string) => hoursOf.get(code) ?? intervals;

  const equipment = await em.find(Equipment, {}, { orderBy: { code: 'asc' } });
  const machinesByType = new Map<string, string[]>();
  for (const e of equipment) {
    if (e.type === null || e.type === undefined) continue;
    machinesByType.set(e.type, [...(machinesByType.get(e.type) ?? []), e.code]);
  }
  const machineCodes = new Set(equipment.map((e) => e.code));
  const operations = await openOperations(em, machinesByType, machineCodes);

  const capacityOver = (hours: Interval[]) => {
    const perDay = Array.from({ length: horizon }, () => 0);
    for (const iv of hours) if (iv.day < horizon) perDay[iv.day]! += (iv.end - iv.start) / MINUTE;
    return perDay;
  };
  const capacityPerDay = capacityOver(intervals);

  const resources = new Map<string, ResourceLoad>();
  const resourceOf = (code: string): ResourceLoad => {
    let found = resources.get(code);
    if (!found) {
      const capacity = hoursOf.has(code) ? capacityOver(hoursOf.get(code)!) : capacityPerDay;
      found = {
        code,
        name: code,
        teamId: null,
        days: days.map((day, i) => ({ day, capacity: capacity[i]!, demand: 0 })),
      };
      resources.set(code, found);
    }
    return found;
  };
  for (const e of equipment) Object.assign(resourceOf(e.code), { name: e.name, teamId: e.team?.id ?? null });

  const byOrder = new Map<number, OpenOperation[]>();
  for (const op of operations) byOrder.set(op.orderId, [...(byOrder.get(op.orderId) ?? []), op]);
  const orders = [...byOrder.values()].map((ops) => ops.sort((a, b) => a.sequence - b.sequence));
  orders.sort(
    (a, b) =>
      a[0]!.priority - b[0]!.priority ||
      a[0]!.dueDate.localeCompare(b[0]!.dueDate) ||
      a[0]!.orderNumber.localeCompare(b[0]!.orderNumber),
  );

  // Demand, as if every order had the machines to itself.
  const start = now.getTime();
  for (const ops of orders) {
    let ready = start;
    for (const op of ops) {
      const share = op.machines.map(resourceOf);
      const hours = op.machines.length === 1 ? intervalsOf(op.machines[0]!) : intervals;
      ready = run(hours, ready, op.minutes, (day, minutes) => {
        if (day >= horizon) return;
        for (const r of share) r.days[day]!.demand += minutes / share.length;
      });
    }
  }

  // A due date is a day: on time up to its last millisecond. A few dates serve many orders.
  const dueEnds = new Map<string, Date>();
  const endOfDay = (day: string): Date => {
    let end = dueEnds.get(day);
    if (!end) {
      end = new Date(zonedAt(dayjs(day).add(1, 'day').format('YYYY-MM-DD'), '00:00', tz).valueOf() - 1);
      dueEnds.set(day, end);
    }
    return end;
  };
  const dayStarts = days.map((d) => zonedAt(d, '00:00', tz).valueOf());

  // Projected finish, the orders taking the machines in turn.
  const free = new Map<string, number>();
  const projections: OrderProjection[] = [];
  for (const ops of orders) {
    let ready = start;
    let worstWait: { machine: string; from: number; to: number } | undefined;
    let worstDown: { lost: number; down: Unavailable; machine: string } | undefined;
    for (const op of ops) {
      if (op.machines.length === 0) {
        ready = run(intervals, ready, op.minutes);
        continue;
      }
      const machine = machineFor(op, ready, free, start, downtime, intervalsOf);
      const begin = Math.max(ready, free.get(machine) ?? start);
      if (begin > ready && (!worstWait || begin - ready > worstWait.to - worstWait.from))
        worstWait = { machine, from: ready, to: begin };
      ready = run(intervalsOf(machine), begin, op.minutes);
      const down = downtime.get(machine);
      if (down && op.minutes > 0) {
        // What the machine's downtime cost this operation, against running in every shift.
        const lost = ready - run(intervals, begin, op.minutes);
        const during = down.find((d) => d.to > begin && d.from < ready);
        if (lost > 0 && during && (!worstDown || lost > worstDown.lost))
          worstDown = { lost, down: during, machine };
      }
      if (op.minutes > 0) free.set(machine, ready);
    }
    const first = ops[0]!;
    const dueAt = endOfDay(first.dueDate);
    const late = ready > dueAt.getTime();
    projections.push({
      orderNumber: first.orderNumber,
      itemCode: first.itemCode,
      dueAt,
      projectedFinishAt: new Date(ready),
      reason: !late
        ? null
        : worstDown && (!worstWait || worstDown.lost >= worstWait.to - worstWait.from)
          ? m.down(
              worstDown.machine,
              worstDown.down.label,
              inZone(new Date(worstDown.down.to), tz).format('YYYY-MM-DD HH:mm'),
            )
          : lateReason(worstWait, resources, dayStarts, ops, tz, start, dueAt.getTime()),
    });
  }
  projections.sort((a, b) => a.orderNumber.localeCompare(b.orderNumber));
  return {
    days,
    resources: [...resources.values()].sort((a, b) => a.code.localeCompare(b.code)),
    orders: projections,
  };
}

/**
 * Which of the operation's machines it takes: the one free first, ties to the first listed; when
 * one of them has downtime ahead, the one that would finish it first.
 */
function machineFor(
  op: OpenOperation,
  ready: number,
  free: Map<string, number>,
  start: number,
  downtime: Map<string, Unavailable[]>,
  intervalsOf: (code: string) => Interval[],
): string {
  if (op.machines.length === 1) return op.machines[0]!;
  if (!op.machines.some((code) => downtime.has(code)))
    return op.machines.reduce((best, code) =>
      (free.get(code) ?? start) < (free.get(best) ?? start) ? code : best,
    );
  const finish = (code: string) =>
    run(intervalsOf(code), Math.max(ready, free.get(code) ?? start), op.minutes);
  let best = op.machines[0]!;
  let bestFinish = finish(best);
  for (const code of op.machines.slice(1)) {
    const f = finish(code);
    if (f < bestFinish) [best, bestFinish] = [code, f];
  }
  return best;
}

/**
 * Why an order is late: the machine it waited longest for, on its most overloaded day while the
 * order waited; failing a wait, that its own work does not fit before the due date.
 */
function lateReason(
  wait: { machine: string; from: number; to: number } | undefined,
  resources: Map<string, ResourceLoad>,
  dayStarts: number[],
  ops: OpenOperation[],
  tz: string,
  now: number,
  dueAt: number,
): string {
  if (wait) {
    const load = resources.get(wait.machine)!;
    /** The horizon day `at` falls on (the first or last when outside it). */
    const dayOf = (at: number) =>
      Math.max(
        0,
        dayStarts.findLastIndex((s) => s <= at),
      );
    let worst: LoadDay | undefined;
    for (let d = dayOf(wait.from); d <= dayOf(wait.to); d++) {
      const day = load.days[d]!;
      if (day.capacity > 0 && (!worst || day.demand / day.capacity > worst.demand / worst.capacity))
        worst = day;
    }
    if (worst && worst.demand > worst.capacity)
      return m.overloaded(wait.machine, worst.day, Math.round((worst.demand / worst.capacity) * 100));
    return m.queued(wait.machine, inZone(new Date(wait.to), tz).format('YYYY-MM-DD'));
  }
  const minutes = ops.reduce((s, op) => s + op.minutes, 0);
  const work = m.tooMuchWork(Math.round(minutes / 60));
  // Already past its due day: say so first; without standard times there are no hours to name.
  if (dueAt > now) return `${work}，${m.notBeforeDue}`;
  const past = m.pastDue(Math.ceil((now - dueAt) / 86_400_000));
  return minutes > 0 ? `${past}，${work}` : `${past}，${m.unfinished}`;
}

/** The factory zone when a caller has none at hand (FACTORY_TZ, as the app reads it). */
function factoryTimeZone(): string {
  return process.env.FACTORY_TZ ?? 'Asia/Shanghai';
}

/**
 * The released and running orders the load finishes after their due date, each with why: the
 * soonest due (or longest late) first, as whoever reads the list acts on them. `tz` defaults
 * to FACTORY_TZ.
 */
export async function ordersAtRisk(
  em: EntityManager,
  config: FactoryConfig,
  now: Date,
  tz: string = factoryTimeZone(),
): Promise<AtRiskOrder[]> {
  const load = await capacityLoad(em, config, tz, now);
  const byDue = [...load.orders].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  return byDue.flatMap((o) =>
    o.reason === null
      ? []
      : [
          {
            orderNumber: o.orderNumber,
            itemCode: o.itemCode,
            dueAt: o.dueAt,
            projectedFinishAt: o.projectedFinishAt,
            reason: o.reason,
          },
        ],
  );
}
