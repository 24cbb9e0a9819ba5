import { constants } from 'node:os';
import type { Logger } from './logger.js';

/** One thing to stop, named so that a shutdown stuck on it can say what it was waiting for. */
export interface ShutdownStep {
  name: string;
  run(): Promise<void>;
}

/** Runs the steps one after the other; stops at the first failure. */
export async function runSteps(steps: ShutdownStep[], onStep?: (name: string) => void): Promise<void> {
  for (const step of steps) {
    onStep?.(step.name);
    await step.run();
  }
}

export interface ShutdownOptions {
  steps: ShutdownStep[];
  deadlineMs: number;
  logger: Logger;
  exit(code: number): void;
}

/**
 * Stops the steps in order and exits 0 once they are all done; a failing step exits 1, and so
 * does the deadline, after logging the step still running. The deadline timer is what keeps
 * the process alive while a step hangs on nothing the event loop knows about.
 */
export async function shutDown({ steps, deadlineMs, logger, exit }: ShutdownOptions): Promise<void> {
  let waitingFor = '';
  const deadline = setTimeout(() => {
    logger.error({ waitingFor, deadlineMs }, 'shutdown deadline passed; exiting without waiting further');
    exit(1);
  }, deadlineMs);
  try {
    await runSteps(steps, (name) => {
      waitingFor = name;
      logger.debug({ step: name }, 'shutdown step');
    });
    logger.info('stopped');
    exit(0);
  } catch (error) {
    logger.error({ err: error, step: waitingFor }, 'shutdown failed');
    exit(1);
  } finally {
    clearTimeout(deadline);
  }
}

const stopSignals = ['SIGTERM', 'SIGINT'] as const;

/**
 * Calls `begin` on the first SIGTERM or SIGINT; another one while shutting down means "now":
 * the process exits at once with the shell's code for that signal (128 + its number).
 */
export function onStopSignal(logger: Logger, begin: (signal: string) => void): void {
  let stopping = false;
  for (const signal of stopSignals) {
    process.on(signal, () => {
      if (stopping) {
        logger.warn({ signal }, 'signal during shutdown; exiting at once');
        process.exit(128 + constants.signals[signal]);
      }
      stopping = true;
      begin(signal);
    });
  }
}
