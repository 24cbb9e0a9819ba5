/**
 * `npm run bench:jobs`: schedules 5,000 no-op Agenda jobs, then runs them with one and with
 * two Agenda instances (each a process of its own), on our store over MySQL/MariaDB and on
 * Agenda's official PostgreSQL backend, and prints jobs per second and the ratios.
 * MIGRATION_MYSQL_URL and BENCH_POSTGRES_URL pick the servers; BENCH_ROUNDS (default 3)
 * how often each case runs, the median being reported.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Agenda } from 'agenda';
import { resolveDatabaseTarget } from '../src/db/database-target.js';
import { applyMigrations } from '../src/db/migrations.js';
import { openOrm } from '../src/db/orm.js';
import { createScratchMysql, type ScratchDatabase } from '../src/db/scratch-database.js';
import { entities } from '../src/entities.js';
import { benchAgendaOptions, dropPostgresTables, openStore, type StoreKind } from './bench-jobs-backends.js';
import type { ParentMessage, WorkerMessage } from './bench-jobs-worker.js';

const JOBS = 5_000;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const MYSQL_URL = process.env.MIGRATION_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';
const WORKER = fileURLToPath(new URL('./bench-jobs-worker.ts', import.meta.url));

interface Measurement {
  scheduledPerSecond: number;
  ranPerSecond: number;
}

/** A fresh, empty store for one round, and how to remove it afterwards. */
async function freshStore(kind: StoreKind): Promise<{ target: string; remove(): Promise<void> }> {
  if (kind === 'ours') {
    const scratch: ScratchDatabase = await createScratchMysql(MYSQL_URL, 'sfb_bench');
    const orm = await openOrm(await resolveDatabaseTarget(scratch.url), entities);
    await applyMigrations(orm);
    await orm.close();
    return { target: scratch.url, remove: () => scratch.drop() };
  }
  const suffix = randomBytes(4).toString('hex');
  return { target: suffix, remove: () => dropPostgresTables(suffix) };
}

async function scheduleJobs(kind: StoreKind, target: string): Promise<number> {
  const store = await openStore(kind, target);
  const agenda = new Agenda({ backend: store.backend, ...benchAgendaOptions });
  await agenda.ready;
  const started = performance.now();
  // Twenty saves in flight at a time, as a busy application would make them.
  for (let i = 0; i < JOBS; i += 20) {
    await Promise.all(
      Array.from({ length: Math.min(20, JOBS - i) }, (_, k) => agenda.create('noop', { i: i + k }).save()),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  return JOBS / seconds;
}

function startWorker(
  kind: StoreKind,
  target: string,
  onDone: (ids: string[]) => void,
): Promise<ChildProcess> {
  const worker = fork(WORKER, [kind, target], { execArgv: ['--import', 'tsx'] });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`a ${kind} worker exited early (${code})`)));
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'ready') resolve(worker);
      else onDone(message.ids);
    });
  });
}

async function runJobs(kind: StoreKind, target: string, instances: number): Promise<number> {
  const ran = new Set<string>();
  let runs = 0;
  let allRan = () => {};
  let failed: (error: Error) => void = () => {};
  const finished = new Promise<void>((resolve, reject) => {
    allRan = resolve;
    failed = reject;
  });
  const onDone = (ids: string[]) => {
    runs += ids.length;
    for (const id of ids) ran.add(id);
    if (ran.size >= JOBS) allRan();
  };
  // One after the other: the PostgreSQL backend creates its schema on connect, and two
  // processes doing that at once fail with "tuple concurrently updated". Timing starts later.
  const workers: ChildProcess[] = [];
  for (let i = 0; i < instances; i += 1) workers.push(await startWorker(kind, target, onDone));
  for (const worker of workers) {
    worker.once('exit', (code) => failed(new Error(`a ${kind} worker exited during the run (${code})`)));
  }
  const started = performance.now();
  for (const worker of workers) worker.send({ type: 'go' } satisfies ParentMessage);
  try {
    await finished;
  } catch (error) {
    for (const worker of workers) worker.kill();
    throw error;
  }
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(
    workers.map((worker) => {
      worker.removeAllListeners('exit');
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.send({ type: 'stop' } satisfies ParentMessage);
      return exited;
    }),
  );
  if (runs !== JOBS) throw new Error(`${kind}: ${runs} runs for ${JOBS} jobs; some ran more than once`);
  return JOBS / seconds;
}

async function measureOnce(kind: StoreKind, instances: number): Promise<Measurement> {
  const store = await freshStore(kind);
  try {
    const scheduledPerSecond = await scheduleJobs(kind, store.target);
    return { scheduledPerSecond, ranPerSecond: await runJobs(kind, store.target, instances) };
  } finally {
    await store.remove();
  }
}

const cases = [
  { kind: 'ours', instances: 1, label: 'ours, MySQL/MariaDB' },
  { kind: 'ours', instances: 2, label: 'ours, MySQL/MariaDB' },
  { kind: 'postgres', instances: 1, label: 'official PostgreSQL' },
  { kind: 'postgres', instances: 2, label: 'official PostgreSQL' },
] as const;
type CaseName = `${StoreKind}x${1 | 2}`;

// Rounds interleave the cases, so that a busy moment on the machine does not fall on one case only.
const rounds = new Map<CaseName, Measurement[]>();
for (let round = 0; round < ROUNDS; round += 1) {
  for (const { kind, instances } of cases) {
    const name: CaseName = `${kind}x${instances}`;
    rounds.set(name, [...(rounds.get(name) ?? []), await measureOnce(kind, instances)]);
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const ran = (name: CaseName) => median((rounds.get(name) ?? []).map((m) => m.ranPerSecond));
console.log(
  `${JOBS} no-op jobs, Agenda 6, concurrency 20 and lock limit 100 per instance, each instance a process; median of ${ROUNDS}`,
);
console.log('store                  instances  scheduled/s     ran/s   (ran/s of each round)');
for (const { kind, instances, label } of cases) {
  const measured = rounds.get(`${kind}x${instances}`) ?? [];
  const scheduled = median(measured.map((m) => m.scheduledPerSecond));
  const each = measured.map((m) => m.ranPerSecond.toFixed(0)).join(', ');
  console.log(
    `${label.padEnd(22)} ${String(instances).padStart(9)} ${scheduled.toFixed(0).padStart(12)} ${ran(`${kind}x${instances}`).toFixed(0).padStart(9)}   (${each})`,
  );
}
console.log(
  `ours / official PostgreSQL: ${(ran('oursx1') / ran('postgresx1')).toFixed(2)} with one instance, ${(ran('oursx2') / ran('postgresx2')).toFixed(2)} with two`,
);
console.log(
  `two instances / one: ours ${(ran('oursx2') / ran('oursx1')).toFixed(2)}, official PostgreSQL ${(ran('postgresx2') / ran('postgresx1')).toFixed(2)}`,
);
