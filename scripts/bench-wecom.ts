/**
 * `npm run bench:wecom`: encrypted `完工` callbacks from WeCom at rising concurrency against
 * the real app on MariaDB (each one records the inbound event, a work report, the audit entry
 * and answers with an encrypted passive reply), next to a bare Koa route that inserts one row
 * per request. Two scenarios: every request on one task (reports on it queue behind its row
 * lock), and every request from a different worker on a different task (a shift reporting at
 * once); and, for reference, a third in which every worker sends a word that is no command
 * (`你好`): what any message costs before a command does anything (stored, its transaction,
 * the dialog lookup, the answer marked and sealed). Prints p50/p99 latency, requests/second, ours / bare, and the statements each
 * callback sends to the database (every one knex sends, BEGIN and COMMIT included), the CPU
 * time this process spent per callback (the app and the sending client together: on a shared
 * host whose speed wanders, the figure that compares two builds), and how many callbacks were
 * answered empty because the 4 s passive deadline passed first.
 *
 * BENCH_REQUESTS (default 400) per level, after BENCH_WARMUP (default 400) unmeasured ones;
 * BENCH_LEVELS (default 1,4,16,32) the concurrencies;
 * BENCH_SCENARIO=same|distinct|unknown runs only one;
 * BENCH_SHOW_QUERIES=1 prints the statements of one callback of each scenario first.
 */
import type { AddressInfo } from 'node:net';
import type { EntityManager } from '@mikro-orm/core';
import type { AbstractSqlConnection } from '@mikro-orm/knex';
import { unitOf } from '../src/app-services.js';
import { createApp } from '../src/app.js';
import { readSettings } from '../src/config/env.js';
import { parseFactoryConfig } from '../src/config/factory-loader.js';
import { createScratchMysql } from '../src/db/scratch-database.js';
import { Outbox } from '../src/chat/outbox/outbox.js';
import { RecipientRouter } from '../src/chat/outbox/recipient-router.js';
import { personById } from '../src/people/directory.js';
import { systemClock } from '../src/shared/clock.js';
import { createLogger } from '../src/shared/logger.js';
import { features } from '../src/features.js';
import { Item } from '../src/workorders/item.entity.js';
import { RoutingStep } from '../src/workorders/routing-step.entity.js';
import { dispatchTask } from '../src/workorders/dispatch-service.js';
import { startTask } from '../src/workorders/reporting-service.js';
import { loadOrder } from '../src/workorders/task-lookup.js';
import { createWorkOrder, releaseWorkOrder } from '../src/workorders/work-order-service.js';
import { encryptedCallback, inbound, wecomEnv } from '../test/channels/wecom-app/callback-client.js';
import { measure, startBareInsertRoute } from './bench-bare.js';

const LEVELS = (process.env.BENCH_LEVELS ?? '1,4,16,32').split(',').map(Number);
const REQUESTS_PER_LEVEL = Number(process.env.BENCH_REQUESTS ?? 400);
const WARM_UP = Number(process.env.BENCH_WARMUP ?? 400);
const BASE = process.env.MIGRATION_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';
/** Twice the highest concurrency: requests in flight together never share a task. */
const WORKERS = 64;
const SCENARIOS = ['same', 'distinct', 'unknown'].filter(
  (s) => process.env.BENCH_SCENARIO === undefined || process.env.BENCH_SCENARIO === s,
);
const SHOW_QUERIES = process.env.BENCH_SHOW_QUERIES === '1';

const worker = (n: number) => `w${String(n).padStart(2, '0')}`;
const distinctOrder = (n: number) => `WO-BENCH-D${String(n).padStart(2, '0')}`;

const ours = await createScratchMysql(BASE, 'sfb_bench_wecom');
const bare = await createScratchMysql(BASE, 'sfb_bench_bare');
const cast = [
  'people:',
  '  - { id: zhangwei, name: 张伟, roles: [worker], wecom: zhangwei }',
  '  - { id: wangfang, name: 王芳, roles: [team_lead], wecom: wangfang }',
  ...Array.from(
    { length: WORKERS },
    (_, n) => `  - { id: ${worker(n)}, name: 工人${n}, roles: [worker], wecom: ${worker(n)} }`,
  ),
  '',
].join('\n');
const app = await createApp(
  {
    settings: readSettings({
      ...wecomEnv(),
      DATABASE_URL: ours.url,
      AUTO_MIGRATE: 'true',
      CONSOLE_CHANNEL: 'false',
    }),
    factory: parseFactoryConfig(cast),
    clock: systemClock,
    logger: createLogger('silent'),
  },
  { features, background: false },
);

/** A started task of `personId` on a new work order `number`. */
async function startedTask(em: EntityManager, number: string, personId: string): Promise<void> {
  const deps = { ...unitOf(app.services, em), outbox: new Outbox(new RecipientRouter([]), systemClock) };
  const lead = {
    person: (await personById(em, 'wangfang'))!,
    channel: 'console',
    inboundEventId: null,
    at: new Date(),
  };
  const order = await createWorkOrder(
    deps,
    lead,
    { itemCode: 'P1', quantity: 1_000_000_000, dueDate: '2030-01-01', number },
    'Asia/Shanghai',
  );
  await releaseWorkOrder(deps, lead, order);
  const loaded = await loadOrder(em, number);
  await dispatchTask(deps, lead, loaded, loaded.tasks[0]!, { kind: 'person', personId }, undefined);
  await startTask(deps, { ...lead, person: (await personById(em, personId))! }, loaded, loaded.tasks[0]!);
}

/**
 * Every statement the app sends, counted (and, while `shown` is set, collected); `queries`
 * leaves out transaction control (BEGIN, COMMIT, SET TRANSACTION), which costs a round trip too.
 */
const statements = { count: 0, queries: 0, shown: undefined as string[] | undefined };
const knex = (app.orm.em.getConnection() as AbstractSqlConnection).getKnex();
knex.on('query', (q: { sql: string }) => {
  statements.count++;
  if (!/^\s*(BEGIN|COMMIT|ROLLBACK|SET TRANSACTION|SAVEPOINT|RELEASE)/i.test(q.sql)) statements.queries++;
  statements.shown?.push(q.sql);
});

try {
  await app.orm.em.fork().transactional(async (em) => {
    const item = em.create(Item, { code: 'P1', name: '零件' });
    em.create(RoutingStep, { item, sequence: 10, name: '车削' });
    await em.flush();
    await startedTask(em, 'WO-BENCH-001', 'zhangwei');
    for (let n = 0; n < WORKERS; n++) await startedTask(em, distinctOrder(n), worker(n));
  });
  const server = await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wecom/callback`;

  const bareRoute = await startBareInsertRoute(bare.url);
  const bareUrl = bareRoute.url;

  const late = { count: 0 };
  const callback = async (from: string, text: string) => {
    const request = encryptedCallback(inbound.text(from, text));
    const res = await fetch(`${url}?${request.query}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: request.body,
    });
    if (res.status !== 200) throw new Error(`callback answered ${res.status}`);
    // An empty answer: the passive deadline passed, the reply goes out through the outbox.
    if ((await res.text()) === '') late.count++;
  };
  const report: Record<string, (i: number) => Promise<void>> = {
    same: () => callback('zhangwei', '完工 WO-BENCH-001 1'),
    distinct: (i) => callback(worker(i % WORKERS), `完工 ${distinctOrder(i % WORKERS)} 1`),
    unknown: (i) => callback(worker(i % WORKERS), '你好'),
  };
  const bareInsert = async () => {
    const request = encryptedCallback(inbound.text('zhangwei', '完工 WO-BENCH-001 1'));
    const res = await fetch(bareUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: request.body,
    });
    await res.text();
  };

  for (const scenario of SCENARIOS) {
    const send = report[scenario]!;
    // Warm-up: the first callbacks fill the pools, and V8 optimises the hot path only after
    // some hundreds of them; with 40 the first level measured the compiler (twice the CPU per
    // callback of the later levels).
    await measure(4, WARM_UP, send);
    await measure(4, WARM_UP, bareInsert);
    if (SHOW_QUERIES) {
      statements.shown = [];
      await send(7);
      console.log(`one ${scenario} callback, ${statements.shown.length} statements:`);
      for (const sql of statements.shown)
        console.log(`  ${sql.replace(/\s+/g, ' ').slice(0, Number(process.env.BENCH_SQL_WIDTH ?? 160))}`);
      statements.shown = undefined;
    }
    const titles: Record<string, string> = {
      same: `scenario same: every callback reports 完工 on one task (WO-BENCH-001), ${REQUESTS_PER_LEVEL} a level`,
      distinct: `scenario distinct: ${WORKERS} workers, each 完工 on their own task, round robin, ${REQUESTS_PER_LEVEL} a level`,
      unknown: `scenario unknown (reference): ${WORKERS} workers each send 你好, no command, ${REQUESTS_PER_LEVEL} a level`,
    };
    console.log(`\n${titles[scenario]}`);
    console.log(
      'concurrency | ours p50 / p99 ms, req/s | bare Koa insert p50 / p99 ms, req/s | ours/bare req/s | statements / queries per request | CPU ms per request | past the passive deadline',
    );
    for (const level of LEVELS) {
      const before = { ...statements, late: late.count };
      const cpuBefore = process.cpuUsage();
      const mine = await measure(level, REQUESTS_PER_LEVEL, send);
      const cpu = process.cpuUsage(cpuBefore);
      const perRequest = (n: number) => (n / REQUESTS_PER_LEVEL).toFixed(1);
      const cpuMs = ((cpu.user + cpu.system) / 1000 / REQUESTS_PER_LEVEL).toFixed(2);
      const counts = `${perRequest(statements.count - before.count)} / ${perRequest(statements.queries - before.queries)}`;
      const theirs = await measure(level, REQUESTS_PER_LEVEL, bareInsert);
      const f = (x: number) => x.toFixed(1);
      console.log(
        `${String(level).padStart(11)} | ${f(mine.p50)} / ${f(mine.p99)}, ${f(mine.rps)} | ${f(theirs.p50)} / ${f(theirs.p99)}, ${f(theirs.rps)} | ${(mine.rps / theirs.rps).toFixed(2)} | ${counts} | ${cpuMs} | ${late.count - before.late}`,
      );
    }
  }
  await bareRoute.close();
} finally {
  await app.close();
  await ours.drop();
  await bare.drop();
}
