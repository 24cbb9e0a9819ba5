/**
 * `npm run bench:digest`: builds the morning digest for a factory with one year of history
 * (100 work orders a day, about 500 reports a day) on MySQL/MariaDB and prints the time.
 * Uses a scratch database that is dropped afterwards. MIGRATION_MYSQL_URL picks the server.
 */
import { performance } from 'node:perf_hooks';
import { buildDailyFigures } from '../src/digest/daily-figures.js';
import { defaultFactoryConfig } from '../src/capabilities/default-config.js';
import { digestChartPng } from '../src/digest/digest-chart.js';
import { digestSpan } from '../src/digest/digest-day.js';
import { digestMarkdown } from '../src/digest/messages.js';
import { productionDay } from '../src/shared/production-day.js';
import { Item } from '../src/workorders/item.entity.js';
import { OperationTask } from '../src/workorders/operation-task.entity.js';
import { WorkOrder } from '../src/workorders/work-order.entity.js';
import { WorkReport } from '../src/workorders/work-report.entity.js';
import { benchDay, openBenchDatabase, seedBenchCast } from './bench-database.js';

const DAYS = 365;
const ORDERS_PER_DAY = 100;
const REPORTS_PER_DAY = 500;
const TZ = 'Asia/Shanghai';
const FIRST_DAY = Date.UTC(2025, 10, 24, 0, 0, 0); // 2025-11-24 08:00 Shanghai

const db = await openBenchDatabase();
const { orm } = db;
try {
  const em = orm.em.fork();
  await seedBenchCast(em);
  await em.insertMany(Item, [{ code: 'P1', name: '零件', unit: '件', kind: 'finished' }]);

  const seedStart = performance.now();
  const ids = { order: 0, task: 0 };
  for (let day = 0; day < DAYS; day++) {
    const done = day < DAYS - 7;
    const { orders, tasks, reports } = benchDay(
      { day, firstDay: FIRST_DAY, ordersPerDay: ORDERS_PER_DAY, reportsPerDay: REPORTS_PER_DAY, done },
      ids,
    );
    await em.insertMany(WorkOrder, orders);
    await em.insertMany(OperationTask, tasks);
    await em.insertMany(WorkReport, reports);
  }
  console.log(
    `seeded ${ids.order} work orders, ${ids.task} operations, ${DAYS * REPORTS_PER_DAY} reports in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );

  const day = new Date(FIRST_DAY + (DAYS - 2) * 86_400_000).toISOString().slice(0, 10);
  const timings: number[] = [];
  const figureTimings: number[] = [];
  for (let run = 0; run < 5; run++) {
    const started = performance.now();
    const now = new Date(FIRST_DAY + DAYS * 86_400_000);
    const figures = await buildDailyFigures(orm.em.fork(), day, {
      productionDay: productionDay(defaultFactoryConfig, TZ),
      riskDays: 3,
      now,
    });
    const figured = performance.now();
    digestMarkdown(figures, 'bench', digestSpan(day, now, defaultFactoryConfig, TZ));
    await digestChartPng(figures);
    timings.push(performance.now() - started);
    figureTimings.push(figured - started);
    if (run === 0)
      console.log(
        `digest for ${day}: ${figures.totals.reports} reports, ${figures.orders.length} work orders, ${figures.atRisk.length} at risk`,
      );
  }
  timings.sort((a, b) => a - b);
  figureTimings.sort((a, b) => a - b);
  console.log(
    `digest build (figures + markdown + chart), 5 runs: median ${timings[2]?.toFixed(0)} ms, best ${timings[0]?.toFixed(0)} ms, worst ${timings[4]?.toFixed(0)} ms (figures alone: median ${figureTimings[2]?.toFixed(0)} ms)`,
  );
} finally {
  await db.close();
}
