/**
 * One Agenda instance of `npm run bench:jobs`, in a process of its own (as a second server
 * would be): it opens the store, says `ready`, starts on `go`, reports the ids of the jobs
 * it completed, and stops on `stop`.
 *   tsx scripts/bench-jobs-worker.ts <ours|postgres> <target>
 */
import { Agenda } from 'agenda';
import { benchAgendaOptions, isStoreKind, openStore } from './bench-jobs-backends.js';

export type WorkerMessage = { type: 'ready' } | { type: 'done'; ids: string[] };
export type ParentMessage = { type: 'go' } | { type: 'stop' };

const [kind, target] = process.argv.slice(2);
if (!isStoreKind(kind) || !target) throw new Error('usage: bench-jobs-worker.ts <ours|postgres> <target>');
const send = (message: WorkerMessage) => process.send?.(message);

const store = await openStore(kind, target);
const agenda = new Agenda({ backend: store.backend, name: `worker-${process.pid}`, ...benchAgendaOptions });
agenda.define('noop', async () => {});
let completed: string[] = [];
// Only this instance's own runs: with PostgreSQL's LISTEN/NOTIFY the other instance's arrive as `remote`.
agenda.on('complete', (job, remote?: boolean) => {
  if (remote !== true) completed.push(String(job.attrs._id));
});
// Batched, so that reporting costs the worker next to nothing.
const flush = setInterval(() => {
  if (completed.length === 0) return;
  send({ type: 'done', ids: completed });
  completed = [];
}, 50);
await agenda.ready;

process.on('message', (message: ParentMessage) => {
  const handle = message.type === 'go' ? agenda.start() : stop();
  handle.catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
// A worker whose parent is gone (killed, timed out) has nobody to report to: it must not linger.
process.on('disconnect', () => process.exit(1));
send({ type: 'ready' });

async function stop(): Promise<void> {
  clearInterval(flush);
  await agenda.stop();
  await store.close();
  process.exit(0);
}
