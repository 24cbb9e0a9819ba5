import type { MikroORM } from '@mikro-orm/core';
import { Agenda, InMemoryNotificationChannel, type Job } from 'agenda';
import { logContext, type Logger } from '../shared/logger.js';
import { agendaInterval, type RecurringSchedule } from './recurring-schedule.js';
import { SqlAgendaBackend } from './store/index.js';

export type { RecurringSchedule } from './recurring-schedule.js';

/** What a job's `run` gets: its data, and a way to keep the lock of a long run alive. */
export interface JobRunContext<DATA> {
  data: DATA;
  jobId: string;
  /** Renews the lock (Agenda's `touch()`); a run longer than its lock lifetime must call it. */
  touch(progress?: number): Promise<void>;
}

/** A kind of job: a name and a thin call into a domain service. */
export interface JobDefinition<DATA = unknown> {
  name: string;
  run(context: JobRunContext<DATA>): Promise<void>;
  /** Runs of this job at once in one process (Agenda's default: 5). */
  concurrency?: number;
  /** How long a run may hold its lock before another process may take the job over (default: 10 min). */
  lockLifetimeMs?: number;
  /** Jobs of this kind one process may hold locked at once, 0 for no limit (the default). */
  lockLimit?: number;
  /** Makes this a recurring job, declared at start-up; read in the factory time zone. */
  recurring?: RecurringSchedule;
}

/** Declares a job definition with its data type checked (one file per job). */
export function defineJob<DATA = undefined>(definition: JobDefinition<DATA>): JobDefinition<DATA> {
  return definition;
}

export interface JobSchedulerOptions {
  orm: MikroORM;
  /** FACTORY_TZ: recurring schedules are wall-clock times there. */
  timezone: string;
  definitions: ReadonlyArray<JobDefinition<never>>;
  logger: Logger;
  /** Recorded as `lastModifiedBy` on the jobs this process touches. */
  instanceName?: string;
  /** How often to look for due jobs created by other processes (default: 5 s). */
  processEvery?: number;
  /** Runs at once in this process, all kinds together (Agenda's default: 20). */
  maxConcurrency?: number;
  /** Also store every job event in `agenda_logs` (Agenda's `logging`). */
  eventLog?: boolean;
  /** How long `stop()` waits for runs under way before it gives up on them (default: 10 s). */
  shutdownGraceMs?: number;
}

export interface JobScheduler {
  readonly agenda: Agenda;
  /** Declares the recurring jobs, then starts processing. */
  start(): Promise<void>;
  /** Stops taking jobs, releases the ones not started, and waits for runs under way. */
  stop(): Promise<void>;
  /** Queues a one-time job; returns its id. */
  runNow<DATA>(name: string, data: DATA): Promise<string>;
  runAt<DATA>(when: Date, name: string, data: DATA): Promise<string>;
}

/** An Agenda on the application's database, with these job definitions. */
export async function createJobScheduler(options: JobSchedulerOptions): Promise<JobScheduler> {
  const { definitions, logger, timezone } = options;
  const names = new Set<string>();
  for (const definition of definitions) {
    if (names.has(definition.name)) throw new Error(`job "${definition.name}" is defined twice`);
    names.add(definition.name);
    if (definition.recurring) agendaInterval(definition.recurring);
  }
  const backend = new SqlAgendaBackend(options.orm);
  // Agenda connects in its constructor without waiting; a missing table is reported here instead.
  await backend.connect();
  const agenda = new Agenda({
    backend,
    name: options.instanceName,
    processEvery: options.processEvery ?? 5000,
    maxConcurrency: options.maxConcurrency ?? 20,
    // Jobs created in this process are picked up at once instead of at the next poll.
    notificationChannel: new InMemoryNotificationChannel(),
    logging: options.eventLog ?? false,
  });
  const running = new Set<string>();
  agenda.on('start', (job) => running.add(jobIdOf(job)));
  agenda.on('complete', (job) => running.delete(jobIdOf(job)));
  agenda.on('fail', (error, job) =>
    logger.error({ err: error, job: job.attrs.name, jobId: jobIdOf(job) }, 'job failed'),
  );
  agenda.on('error', (error) => logger.error({ err: error }, 'job scheduler error'));
  for (const definition of definitions) {
    agenda.define(
      definition.name,
      (job: Job<never>) =>
        logContext.run({ ...logContext.getStore(), job: definition.name }, () =>
          definition.run({
            data: job.attrs.data,
            jobId: jobIdOf(job),
            touch: (progress) => job.touch(progress),
          }),
        ),
      {
        ...(definition.concurrency !== undefined && { concurrency: definition.concurrency }),
        ...(definition.lockLifetimeMs !== undefined && { lockLifetime: definition.lockLifetimeMs }),
        ...(definition.lockLimit !== undefined && { lockLimit: definition.lockLimit }),
      },
    );
  }

  return {
    agenda,
    async start() {
      await agenda.ready;
      for (const definition of definitions) {
        if (!definition.recurring) continue;
        await agenda.every(agendaInterval(definition.recurring), definition.name, undefined, { timezone });
      }
      await agenda.start();
    },
    async stop() {
      await agenda.stop();
      const unfinished = await waitUntilIdle(running, options.shutdownGraceMs ?? 10_000);
      if (unfinished.length > 0) {
        logger.warn(
          { jobIds: unfinished },
          'jobs still running at shutdown; another process takes them over when their locks expire',
        );
      }
    },
    async runNow(name, data) {
      return jobIdOf(await agenda.now(name, data));
    },
    async runAt(when, name, data) {
      return jobIdOf(await agenda.schedule(when, name, data));
    },
  };
}

function jobIdOf(job: Job<unknown>): string {
  return String(job.attrs._id);
}

async function waitUntilIdle(running: ReadonlySet<string>, graceMs: number): Promise<string[]> {
  const deadline = Date.now() + graceMs;
  while (running.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return [...running];
}
