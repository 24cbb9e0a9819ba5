/**
 * `npm run bench:ingest`: sustained gateway counts per second on MariaDB. PLC counters post
 * `POST /api/v1/equipment/<code>/counts` (each stored once by device and sequence number, and
 * booked as a work report on the task running on the machine) at rising concurrency, next to
 * the bare Koa route that inserts one row per request (bench-bare.ts, as bench:wecom uses).
 * Three scenarios: every counter on one machine (its reports queue behind the task's row lock),
 * each concurrent counter on a machine of its own, and gateways that buffer: each request a
 * batch of BENCH_BATCH counts (`…/counts/batch`, sent out of order) on a machine of its own,
 * whose counts per second are compared with the bare route's requests per second.
 *
 * BENCH_REQUESTS (default 400) per level; BENCH_LEVELS (default 1,4,16) the concurrencies;
 * BENCH_BATCH (default 50) counts per batch, BENCH_BATCH_REQUESTS (default 40) batches a level.
 */
import type { AddressInfo } from 'node:net';
import { unitOf } from '../src/app-services.js';
import { createApp } from '../src/app.js';
import type { Actor } from '../src/chat/audit/actor.js';
import { readSettings } from '../src/config/env.js';
import { parseFactoryConfig } from '../src/config/factory-loader.js';
import { createScratchMysql } from '../src/db/scratch-database.js';
import { createApiKey } from '../src/http/api/api-keys.js';
import { personById } from '../src/people/directory.js';
import { systemClock } from '../src/shared/clock.js';
import { createLogger } from '../src/shared/logger.js';
import { dispatchTask } from '../src/workorders/dispatch-service.js';
import { Item } from '../src/workorders/item.entity.js';
import { RoutingStep } from '../src/workorders/routing-step.entity.js';
import { loadOrder } from '../src/workorders/task-lookup.js';
import { createWorkOrder, releaseWorkOrder } from '../src/workorders/work-order-service.js';
import { measure, startBareInsertRoute } from './bench-bare.js';

const LEVELS = (process.env.BENCH_LEVELS ?? '1,4,16').split(',').map(Number);
const REQUESTS_PER_LEVEL = Number(process.env.BENCH_REQUESTS ?? 400);
const BATCH = Number(process.env.BENCH_BATCH ?? 50);
const BATCHES_PER_LEVEL = Number(process.env.BENCH_BATCH_REQUESTS ?? 40);
const BASE = process.env.MIGRATION_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';
const MACHINES = Math.max(...LEVELS);
const machine = (n: number) => `M-${String(n).padStart(2, '0')}`;

const ours = await createScratchMysql(BASE, 'sfb_bench_ingest');
const bare = await createScratchMysql(BASE, 'sfb_bench_ingest_bare');
const yaml = [
  'people:',
  '  - { id: lijianguo, name: 李建国, roles: [supervisor] }',
  '  - { id: wangfang, name: 王芳, roles: [team_lead] }',
  '  - { id: zhangwei, name: 张伟, roles: [worker] }',
  'equipment:',
  ...Array.from({ length: MACHINES }, (_, n) => `  - { code: ${machine(n)}, name: 机床${n} }`),
  '',
].join('\n');
const app = await createApp(
  {
    settings: readSettings({ DATABASE_URL: ours.url, AUTO_MIGRATE: 'true', CONSOLE_CHANNEL: 'false' }),
    factory: parseFactoryConfig(yaml),
    clock: systemClock,
    logger: createLogger('silent'),
  },
  { background: false },
);
const bareRoute = await startBareInsertRoute(bare.url);

try {
  await app.orm.em.fork().transactional(async (em) => {
    const item = em.create(Item, { code: 'P1', name: '零件' });
    em.create(RoutingStep, { item, sequence: 10, name: '车削' });
    await em.flush();
    const deps = unitOf(app.services, em);
    const lead: Actor = {
      person: (await personById(em, 'wangfang'))!,
      channel: 'console',
      inboundEventId: null,
      at: new Date(),
    };
    for (let n = 0; n < MACHINES; n++) {
      const number = `WO-BENCH-${n}`;
      const order = await createWorkOrder(
        deps,
        lead,
        { itemCode: 'P1', quantity: 1_000_000_000, dueDate: '2030-01-01', number },
        'Asia/Shanghai',
      );
      await releaseWorkOrder(deps, lead, order);
      await em.flush();
      const loaded = await loadOrder(em, number);
      const target = { kind: 'person', personId: 'zhangwei' } as const;
      await dispatchTask(deps, lead, loaded, loaded.tasks[0]!, target, machine(n));
    }
  });
  const key = await createApiKey(app.orm.em.fork(), 'bench', ['ingest:write'], new Date());
  const server = await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;

  let seq = 0;
  const post = async (url: string, body: unknown) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (url.startsWith(base) && res.status !== 201) throw new Error(`counts answered ${res.status}`);
    await res.text();
  };
  /** A buffered gateway's batch: BATCH consecutive numbers of its device, sent in reverse. */
  const batchOf = (i: number) => {
    const first = seq + 1;
    seq += BATCH;
    return Array.from({ length: BATCH }, (_, n) => ({
      seq: first + BATCH - 1 - n,
      count: 1,
      device: `PLC-${i % MACHINES}`,
    }));
  };
  interface Scenario {
    title: string;
    send: (i: number) => Promise<void>;
    /** Counts one request carries. */
    perRequest: number;
    requests: number;
  }
  const scenarios: Scenario[] = [
    {
      title: `scenario same: every count on one machine (${machine(0)}), ${REQUESTS_PER_LEVEL} a level`,
      send: () => post(`${base}/equipment/${machine(0)}/counts`, { seq: ++seq, count: 1, device: 'PLC-0' }),
      perRequest: 1,
      requests: REQUESTS_PER_LEVEL,
    },
    {
      title: `scenario distinct: ${MACHINES} machines, each count on its own, round robin, ${REQUESTS_PER_LEVEL} a level`,
      send: (i) =>
        post(`${base}/equipment/${machine(i % MACHINES)}/counts`, {
          seq: ++seq,
          count: 1,
          device: `PLC-${i % MACHINES}`,
        }),
      perRequest: 1,
      requests: REQUESTS_PER_LEVEL,
    },
    {
      title: `scenario batched: ${MACHINES} machines round robin, ${BATCH} counts a request (…/counts/batch, out of order), ${BATCHES_PER_LEVEL} batches a level`,
      send: (i) => post(`${base}/equipment/${machine(i % MACHINES)}/counts/batch`, { readings: batchOf(i) }),
      perRequest: BATCH,
      requests: BATCHES_PER_LEVEL,
    },
  ];
  const bareInsert = () => post(bareRoute.url, { seq: ++seq, count: 1, device: 'PLC-0' });

  for (const { title, send, perRequest, requests } of scenarios) {
    await measure(4, Math.ceil(40 / perRequest), send);
    await measure(4, 40, bareInsert);
    console.log(`\n${title}`);
    console.log('concurrency | ours p50 / p99 ms, counts/s | bare insert p50 / p99 ms, req/s | ours/bare');
    for (const level of LEVELS) {
      const mine = await measure(level, requests, send);
      const theirs = await measure(level, REQUESTS_PER_LEVEL, bareInsert);
      const f = (x: number) => x.toFixed(1);
      const counts = mine.rps * perRequest;
      console.log(
        `${String(level).padStart(11)} | ${f(mine.p50)} / ${f(mine.p99)}, ${f(counts)} | ${f(theirs.p50)} / ${f(theirs.p99)}, ${f(theirs.rps)} | ${(counts / theirs.rps).toFixed(2)}`,
      );
    }
  }
} finally {
  await bareRoute.close();
  await app.close();
  await ours.drop();
  await bare.drop();
}
