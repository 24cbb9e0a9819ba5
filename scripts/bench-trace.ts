/**
 * `npm run bench:trace`: one trace (追溯) in either direction on a factory with a year of
 * history — 36,500 work orders, 73,000 operations, 182,500 reports, 50,000 material lots and
 * 73,000 issues — on MySQL/MariaDB; prints the median and p95 over 200 random codes each way.
 * Uses a scratch database that is dropped afterwards. MIGRATION_MYSQL_URL picks the server.
 */
import { performance } from 'node:perf_hooks';
import { defaultFactoryConfig } from '../src/capabilities/default-config.js';
import { MaterialIssue } from '../src/materials/material-issue.entity.js';
import { MaterialLot } from '../src/materials/material-lot.entity.js';
import { traceLot, traceOrder } from '../src/quality/trace-service.js';
import { Item } from '../src/workorders/item.entity.js';
import { OperationTask } from '../src/workorders/operation-task.entity.js';
import { WorkOrder } from '../src/workorders/work-order.entity.js';
import { WorkReport } from '../src/workorders/work-report.entity.js';
import { benchDay, openBenchDatabase, seedBenchCast } from './bench-database.js';

const DAYS = 365;
const ORDERS_PER_DAY = 100;
const REPORTS_PER_DAY = 500;
const LOTS = 50_000;
const SAMPLES = 200;
const FIRST_DAY = Date.UTC(2025, 10, 24, 0, 0, 0);

/** A fixed sequence of "random" picks, so two runs trace the same codes. */
let seed = 42;
const pick = (n: number) => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed % n;
};

const db = await openBenchDatabase();
const { orm } = db;
try {
  const em = orm.em.fork();
  await seedBenchCast(em);
  await em.insertMany(Item, [
    { code: 'P1', name: '零件', unit: '件', kind: 'finished' },
    { code: 'RAW', name: '圆钢', unit: 'kg', kind: 'raw' },
  ]);
  const seedStart = performance.now();
  const lotsPerDay = Math.ceil(LOTS / DAYS);
  let lots = 0;
  const ids = { order: 0, task: 0 };
  for (let day = 0; day < DAYS; day++) {
    const dayStart = FIRST_DAY + day * 86_400_000;
    const newLots = [];
    for (let l = 0; l < lotsPerDay && lots < LOTS; l++) {
      lots += 1;
      newLots.push({
        lotNumber: `L-${lots}`,
        item: 'RAW',
        quantity: 1000,
        remaining: 400,
        receivedAt: new Date(dayStart),
      });
    }
    const { orders, tasks, reports } = benchDay(
      { day, firstDay: FIRST_DAY, ordersPerDay: ORDERS_PER_DAY, reportsPerDay: REPORTS_PER_DAY, done: true },
      ids,
    );
    // Each order draws from one or two of the lots received in the last few days.
    const issues = orders.flatMap((order, o) =>
      Array.from({ length: 1 + (o % 2) }, () => ({
        lot: `L-${Math.max(1, lots - pick(lotsPerDay * 3))}`,
        workOrder: order.id,
        quantity: 30,
        issuedBy: `p${o % 20}`,
        issuedAt: new Date(dayStart + 3_600_000),
      })),
    );
    if (newLots.length > 0) await em.insertMany(MaterialLot, newLots);
    await em.insertMany(WorkOrder, orders);
    await em.insertMany(OperationTask, tasks);
    await em.insertMany(WorkReport, reports);
    await em.insertMany(MaterialIssue, issues);
  }
  console.log(
    `seeded ${ids.order} work orders, ${ids.task} operations, ${DAYS * REPORTS_PER_DAY} reports, ${lots} lots in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );

  const states = defaultFactoryConfig.outsourcing.states;
  const time = async (trace: () => Promise<unknown>) => {
    const started = performance.now();
    if (!(await trace())) throw new Error('a traced code was not found');
    return performance.now() - started;
  };
  const summary = (label: string, ms: number[]) => {
    ms.sort((a, b) => a - b);
    const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(1);
    console.log(`${label}: median ${at(0.5)} ms, p95 ${at(0.95)} ms, worst ${at(1)} ms (${ms.length} codes)`);
  };
  const backward: number[] = [];
  const forward: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const day = pick(DAYS);
    backward.push(await time(() => traceOrder(orm.em.fork(), `WO-${day}-${pick(ORDERS_PER_DAY)}`, states)));
    forward.push(await time(() => traceLot(orm.em.fork(), `L-${1 + pick(LOTS)}`)));
  }
  summary('trace an order (lots, operations, people, machines)', backward);
  summary('trace a lot (every order that drew from it)', forward);
} finally {
  await db.close();
}
