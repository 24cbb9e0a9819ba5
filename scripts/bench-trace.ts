/**
 * `npm run bench:trace`: one trace (追溯) in either direction on a factory with a year of
 * history — 36,500 work orders, 73,000 operations, 182,500 reports, 50,000 material lots (with
 * suppliers), 73,000 issues and 50,000 serials from 1,095 final inspections — on MySQL/MariaDB;
 * prints the median and p95 over 200 random codes each way, each through `traceCode` as 追溯
 * and the API call it (looking the code up as a lot, an order and a serial before tracing it).
 * Uses a scratch database that is dropped afterwards. MIGRATION_MYSQL_URL picks the server.
 */
import { performance } from 'node:perf_hooks';
import { defaultFactoryConfig } from '../src/capabilities/default-config.js';
import { MaterialIssue } from '../src/materials/material-issue.entity.js';
import { MaterialLot } from '../src/materials/material-lot.entity.js';
import { Inspection } from '../src/quality/inspections/inspection.entity.js';
import { formatSerial } from '../src/quality/serials/serial-pattern.js';
import { Serial } from '../src/quality/serials/serial.entity.js';
import { traceCode } from '../src/quality/trace-service.js';
import { Item } from '../src/workorders/item.entity.js';
import { OperationTask } from '../src/workorders/operation-task.entity.js';
import { WorkOrder } from '../src/workorders/work-order.entity.js';
import { WorkReport } from '../src/workorders/work-report.entity.js';
import { benchDay, openBenchDatabase, seedBenchCast } from './bench-database.js';

const DAYS = 365;
const ORDERS_PER_DAY = 100;
const REPORTS_PER_DAY = 500;
const LOTS = 50_000;
const SERIALS = 50_000;
/** The first orders of each day make a serialised item: their 终检 numbers this many pieces. */
const SERIALISED_PER_DAY = 3;
const ACCEPTED = Math.ceil(SERIALS / (DAYS * SERIALISED_PER_DAY));
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
    { code: 'P1', name: '零件', unit: '件', kind: 'finished', serialised: true },
    { code: 'RAW', name: '圆钢', unit: 'kg', kind: 'raw' },
  ]);
  const seedStart = performance.now();
  const lotsPerDay = Math.ceil(LOTS / DAYS);
  let lots = 0;
  let serialCount = 0;
  const serialCodes: string[] = [];
  const pattern = defaultFactoryConfig.quality.serials.pattern;
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
        supplier: `供应商 ${lots % 40}`,
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
    // 终检 on the last operation of the day's first orders, whose accepted pieces carry serials.
    const inspections = orders.slice(0, SERIALISED_PER_DAY).map((order) => ({
      id: order.id,
      kind: 'final' as const,
      task: tasks.find((t) => t.workOrder === order.id && t.sequence === 20)!.id,
      inspector: 'p1',
      at: new Date(dayStart + 14 * 3_600_000),
      accepted: ACCEPTED,
      rejected: 0,
      rework: 0,
    }));
    const serials = inspections.flatMap((inspection, o) =>
      Array.from({ length: Math.min(ACCEPTED, SERIALS - serialCount - o * ACCEPTED) }, (_, i) => ({
        number: formatSerial(pattern, {
          lot: orders[o]!.number,
          item: 'P1',
          n: i + 1,
          at: inspection.at,
          tz: 'Asia/Shanghai',
        }),
        workOrder: orders[o]!.id,
        lot: orders[o]!.number,
        sequence: i + 1,
        inspection: inspection.id,
        source: 'assigned' as const,
        createdAt: inspection.at,
      })),
    );
    serialCount += serials.length;
    serialCodes.push(...serials.filter((_, i) => i % 50 === 0).map((s) => s.number));
    if (newLots.length > 0) await em.insertMany(MaterialLot, newLots);
    await em.insertMany(WorkOrder, orders);
    await em.insertMany(OperationTask, tasks);
    await em.insertMany(WorkReport, reports);
    await em.insertMany(MaterialIssue, issues);
    await em.insertMany(Inspection, inspections);
    if (serials.length > 0) await em.insertMany(Serial, serials);
  }
  console.log(
    `seeded ${ids.order} work orders, ${ids.task} operations, ${DAYS * REPORTS_PER_DAY} reports, ${lots} lots, ${serialCount} serials in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );

  const states = defaultFactoryConfig.outsourcing.states;
  const time = async (code: string, expected: string) => {
    const started = performance.now();
    const found = await traceCode(orm.em.fork(), code, undefined, states);
    if (found.kind !== expected) throw new Error(`${code} traced as ${found.kind}, not ${expected}`);
    return performance.now() - started;
  };
  const summary = (label: string, ms: number[]) => {
    ms.sort((a, b) => a - b);
    const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(1);
    console.log(`${label}: median ${at(0.5)} ms, p95 ${at(0.95)} ms, worst ${at(1)} ms (${ms.length} codes)`);
  };
  const backward: number[] = [];
  const bySerial: number[] = [];
  const forward: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const day = pick(DAYS);
    backward.push(await time(`WO-${day}-${pick(ORDERS_PER_DAY)}`, 'order'));
    bySerial.push(await time(serialCodes[pick(serialCodes.length)]!, 'serial'));
    forward.push(await time(`L-${1 + pick(LOTS)}`, 'lot'));
  }
  summary('backward: trace an order (lots and suppliers, operations, people, machines)', backward);
  summary('backward: trace a serial (the piece, then its order as above)', bySerial);
  summary('forward: trace a lot (its supplier, every order that drew from it)', forward);
} finally {
  await db.close();
}
