import type { EntityManager } from '@mikro-orm/core';
import type { DemoContext } from '../../demo/demo-context.js';
import { Equipment } from '../../equipment/equipment.entity.js';
import { Person } from '../../people/person.entity.js';
import { Team } from '../../people/team.entity.js';
import type { Services } from '../../services.js';
import { seededRandom } from '../../shared/seeded-random.js';
import { dayjs, inZone } from '../../shared/time.js';
import { OperationTask } from '../../workorders/operation-task.entity.js';
import type { WorkOrder } from '../../workorders/work-order.entity.js';
import { RoutingStep } from '../../workorders/routing-step.entity.js';
import { WorkReport } from '../../workorders/work-report.entity.js';
import { createWorkOrder, releaseWorkOrder } from '../../workorders/work-order-service.js';
import { earnReport } from '../earnings-service.js';
import { historyLines, planBatch, type HistoryLine, type PlannedReport } from './history-plan.js';

/** The demo's own week of work orders starts seven days before the seeding day; the history ends before it. */
const LAST_HISTORY_DAY = -8;
/** The counts are drawn from this seed: every seed on the same day makes the same month. */
const HISTORY_SEED = 23;
const customers = ['华东机械', '远航电器', '宏达泵业', '新立五金'];

/**
 * The demo shop's month of piece work, from the first of last month until its own week: a closed
 * batch order per product line and week (Monday to Saturday), a report per worker and working
 * day, each earning through pay's own rules. The reports are written as history, not replayed
 * through 报工: the past month was never announced, paid points or ran the machines' hour meters
 * (the equipment demo's maintenance story sets those), and a month of 报工 one by one would take
 * the seed far longer.
 */
export async function seedPayHistory(ctx: DemoContext): Promise<void> {
  const random = seededRandom(HISTORY_SEED);
  await ctx.em.transactional(async (tx) => {
    const unit = ctx.unit(tx);
    const minutes = await standardMinutes(tx);
    const batches: Batch[] = [];
    for (const days of historyWeeks(ctx)) {
      for (const line of historyLines) {
        const planned = planBatch(line, minutes.get(line.item) ?? new Map(), days, random);
        if (planned.length > 0) batches.push(await openBatch(ctx, unit, line, days, planned, random));
      }
    }
    // The reports last, written in one flush: no query in between reads what they write.
    for (const batch of batches) await playBatch(ctx, unit, batch);
  });
}

/** Working days (not Sundays) from the first of last month to the history's end, Monday to Saturday a week. */
function historyWeeks({ clock, tz, at }: DemoContext): number[][] {
  const today = inZone(clock.now(), tz);
  const first = today.subtract(1, 'month').startOf('month');
  const span = dayjs.utc(today.format('YYYY-MM-DD')).diff(dayjs.utc(first.format('YYYY-MM-DD')), 'day');
  const weeks: number[][] = [];
  let week: number[] = [];
  for (let day = -span; day <= LAST_HISTORY_DAY; day++) {
    const weekday = inZone(at(day, '12:00'), tz).day();
    if (weekday !== 0) week.push(day);
    if ((weekday === 6 || day === LAST_HISTORY_DAY) && week.length > 0) {
      weeks.push(week);
      week = [];
    }
  }
  return weeks;
}

async function standardMinutes(em: EntityManager): Promise<Map<string, Map<number, number>>> {
  const byItem = new Map<string, Map<number, number>>();
  for (const step of await em.find(RoutingStep, {}, { populate: ['item'] })) {
    const steps = byItem.get(step.item.code) ?? new Map<number, number>();
    steps.set(step.sequence, step.standardMinutes);
    byItem.set(step.item.code, steps);
  }
  return byItem;
}

interface Batch {
  order: WorkOrder;
  tasks: Map<number, OperationTask>;
  planned: PlannedReport[];
}

/** One line's week: the order planned, released and dispatched on its first morning. */
async function openBatch(
  ctx: DemoContext,
  unit: Services,
  line: HistoryLine,
  days: number[],
  planned: PlannedReport[],
  random: () => number,
): Promise<Batch> {
  const { at, tz } = ctx;
  const em = unit.em;
  const firstSequence = line.stations[0]?.sequence;
  const quantity = planned
    .filter((r) => r.sequence === firstSequence)
    .reduce((sum, r) => sum + r.good + r.scrap, 0);
  const [firstDay = 0, lastDay = 0] = [days[0], days.at(-1)];
  const order = await createWorkOrder(
    unit,
    await ctx.actorOf(em, 'chenjing', at(firstDay, '07:30')),
    {
      itemCode: line.item,
      quantity,
      dueDate: inZone(at(lastDay, '12:00'), tz).format('YYYY-MM-DD'),
      customer: customers[Math.floor(random() * customers.length)] ?? null,
    },
    tz,
  );
  await releaseWorkOrder(unit, await ctx.actorOf(em, 'chenjing', at(firstDay, '07:40')), order);
  const tasks = new Map(
    (await em.find(OperationTask, { workOrder: order })).map((task) => [task.sequence, task]),
  );
  for (const station of line.stations) {
    const task = tasks.get(station.sequence);
    if (!task) continue;
    task.assignee = station.workers.length === 1 ? em.getReference(Person, station.workers[0] ?? '') : null;
    task.team = em.getReference(Team, station.team);
    task.equipment = station.equipment ? em.getReference(Equipment, station.equipment) : null;
  }
  return { order, tasks, planned };
}

/** The batch's reports, each earning what pay's rules give it; the batch is done and closed. */
async function playBatch(
  { at }: DemoContext,
  unit: Services,
  { order, tasks, planned }: Batch,
): Promise<void> {
  for (const p of planned) {
    const task = tasks.get(p.sequence);
    if (!task) continue;
    const shiftStart = at(p.day, '08:00');
    const reportedAt = at(p.day, p.hhmm);
    const report = unit.em.create(WorkReport, {
      task,
      person: p.personId,
      reportedAt,
      good: p.good,
      scrap: p.scrap,
      equipment: task.equipment ?? null,
      minutes: Math.round((reportedAt.getTime() - shiftStart.getTime()) / 60_000),
      channel: 'console',
      inboundEventId: null,
    });
    task.goodTotal += p.good;
    task.scrapTotal += p.scrap;
    task.startedAt ??= shiftStart;
    task.finishedAt = reportedAt;
    task.status = 'done';
    order.completedAt = reportedAt;
    await earnReport(unit, report);
  }
  order.status = 'closed';
}
