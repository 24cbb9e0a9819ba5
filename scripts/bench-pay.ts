/**
 * `npm run bench:pay`: closing a pay month (结算) of a 300-worker shop — 200,000 reports in
 * November, each with its pay entry — on MySQL/MariaDB: the close aggregates every entry into
 * each worker's 工资条, writes the statements, draws each card and queues it in the outbox, in
 * one transaction. Printed beside the time to read the same 200,000 reports once, and the ratio.
 * Uses a scratch database that is dropped afterwards. MIGRATION_MYSQL_URL picks the server.
 */
import { performance } from 'node:perf_hooks';
import { defaultFactoryConfig } from '../src/capabilities/default-config.js';
import { standaloneUnit } from '../src/capabilities/standalone-unit.js';
import { Outbox } from '../src/chat/outbox/outbox.js';
import { RecipientRouter } from '../src/chat/outbox/recipient-router.js';
import { closeMonth } from '../src/pay/month/close-month.js';
import { statementLines } from '../src/pay/month/statement-lines.js';
import { PayEntry } from '../src/pay/pay-entry.entity.js';
import { PieceRate } from '../src/pay/piece-rate.entity.js';
import { Person } from '../src/people/person.entity.js';
import { ManualClock } from '../src/shared/clock.js';
import { Item } from '../src/workorders/item.entity.js';
import { OperationTask } from '../src/workorders/operation-task.entity.js';
import { WorkOrder } from '../src/workorders/work-order.entity.js';
import { WorkReport } from '../src/workorders/work-report.entity.js';
import { openBenchDatabase } from './bench-database.js';

const WORKERS = 300;
const DAYS = 30;
const REPORTS_PER_DAY = 6_667;
const ORDERS_PER_DAY = 200;
const ITEMS = 5;
const STEPS = [10, 20, 30];
const FIRST_DAY = Date.UTC(2026, 10, 1, 0, 0, 0); // 2026-11-01 08:00 in Shanghai
const RATES_AT = (item: number, sequence: number) => 30 + item * 7 + sequence;

const db = await openBenchDatabase();
const { orm } = db;
try {
  const em = orm.em.fork();
  await em.insertMany(Person, [
    { id: 'boss', name: '主管', roles: ['supervisor'], active: true, createdAt: new Date() },
    ...Array.from({ length: WORKERS }, (_, i) => ({
      id: `w${String(i).padStart(3, '0')}`,
      name: `工人${i}`,
      roles: ['worker' as const],
      active: true,
      createdAt: new Date(),
    })),
  ]);
  await em.insertMany(
    Item,
    Array.from({ length: ITEMS }, (_, i) => ({
      code: `P${i}`,
      name: `零件${i}`,
      unit: '件',
      kind: 'finished',
    })),
  );
  // Every operation priced from the 1st, then repriced on the 16th: two rates in the month.
  let rateId = 0;
  const rateIds = new Map<string, number[]>();
  const rates = [];
  for (let item = 0; item < ITEMS; item++)
    for (const sequence of STEPS)
      for (const [k, from] of ['2026-11-01', '2026-11-16'].entries()) {
        rateId += 1;
        rateIds.set(`${item}|${sequence}`, [...(rateIds.get(`${item}|${sequence}`) ?? []), rateId]);
        rates.push({
          id: rateId,
          itemCode: `P${item}`,
          sequence,
          fenPerPiece: RATES_AT(item, sequence) + k * 5,
          scrapFen: 20,
          effectiveFrom: from,
          createdAt: new Date(FIRST_DAY),
        });
      }
  await em.insertMany(PieceRate, rates);

  const seedStart = performance.now();
  let orderId = 0;
  let taskId = 0;
  let reportId = 0;
  for (let day = 0; day < DAYS; day++) {
    const dayStart = FIRST_DAY + day * 86_400_000;
    const dayText = new Date(dayStart + 8 * 3_600_000).toISOString().slice(0, 10);
    const orders = [];
    const tasks: Array<{ id: number; item: number; sequence: number }> = [];
    const taskRows = [];
    for (let o = 0; o < ORDERS_PER_DAY; o++) {
      orderId += 1;
      const item = orderId % ITEMS;
      orders.push({
        id: orderId,
        number: `WO-${orderId}`,
        item: `P${item}`,
        quantity: 100,
        dueDate: '2026-12-31',
        priority: 3,
        status: 'in_progress' as const,
        createdAt: new Date(dayStart),
      });
      for (const sequence of STEPS) {
        taskId += 1;
        tasks.push({ id: taskId, item, sequence });
        taskRows.push({
          id: taskId,
          workOrder: orderId,
          sequence,
          name: ['车削', '铣削', '磨削'][STEPS.indexOf(sequence)] as string,
          plannedQuantity: 100,
          standardMinutes: 1,
          status: 'in_progress' as const,
          revision: 1,
        });
      }
    }
    const reports = [];
    const entries = [];
    for (let r = 0; r < REPORTS_PER_DAY; r++) {
      reportId += 1;
      const task = tasks[(r * 7) % tasks.length] as (typeof tasks)[number];
      const person = `w${String(r % WORKERS).padStart(3, '0')}`;
      const good = 5 + (r % 20);
      const scrap = r % 9 === 0 ? 1 : 0;
      const rate = RATES_AT(task.item, task.sequence) + (day >= 15 ? 5 : 0);
      reports.push({
        id: reportId,
        task: task.id,
        person,
        reportedAt: new Date(dayStart + ((r * 97) % 36_000) * 1000),
        good,
        scrap,
        minutes: 20,
        channel: 'console',
      });
      entries.push({
        person,
        report: reportId,
        rate: (rateIds.get(`${task.item}|${task.sequence}`) as number[])[day >= 15 ? 1 : 0] as number,
        good,
        scrap,
        fen: good * rate - scrap * 20,
        deductionFen: scrap * 20,
        splitAmong: 1,
        day: dayText,
        month: '2026-11',
        recordedAt: new Date(dayStart),
      });
    }
    await em.insertMany(WorkOrder, orders);
    await em.insertMany(OperationTask, taskRows);
    await em.insertMany(WorkReport, reports);
    await em.insertMany(PayEntry, entries);
  }
  console.log(
    `seeded ${WORKERS} workers, ${orderId} work orders, ${taskId} operations, ${reportId} reports with their pay entries in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );

  const readStart = performance.now();
  const read = await orm.em
    .fork()
    .getConnection()
    .execute<unknown[]>(
      'select id, task_id, person_id, good, scrap, reported_at from work_reports where reported_at >= ? and reported_at < ?',
      [new Date(FIRST_DAY - 8 * 3_600_000), new Date(FIRST_DAY + DAYS * 86_400_000)],
    );
  const readMs = performance.now() - readStart;

  const linesStart = performance.now();
  const lines = await statementLines(orm.em.fork(), '2026-11');
  const linesMs = performance.now() - linesStart;

  const clock = new ManualClock('2026-12-01T01:00:00Z');
  const closeStart = performance.now();
  const closed = await orm.em.fork().transactional((tx) =>
    closeMonth(
      standaloneUnit(tx, {
        clock,
        outbox: new Outbox(new RecipientRouter(['console']), clock),
        config: defaultFactoryConfig,
        tz: 'Asia/Shanghai',
      }),
      'boss',
      '2026-11',
    ),
  );
  const closeMs = performance.now() - closeStart;
  console.log(`read the month's ${read.length} reports once: ${readMs.toFixed(0)} ms`);
  console.log(
    `the statement lines alone (one aggregate query, ${lines.length} lines): ${linesMs.toFixed(0)} ms`,
  );
  console.log(
    `结算 2026-11: ${closed.statements} statements (¥${(closed.fen / 100).toFixed(2)}) drawn and queued in ${closeMs.toFixed(0)} ms — ${(closeMs / readMs).toFixed(1)}× reading the reports`,
  );
} finally {
  await db.close();
}
