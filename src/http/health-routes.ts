import Router from '@koa/router';
import type { Logger } from '../shared/logger.js';

export interface ReadinessResult {
  ok: boolean;
  reason?: string;
}

/** Something `/readyz` must hear "ok" from: the database, its migrations, each connected channel. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<ReadinessResult>;
}

/** A load balancer probes every few seconds; a frozen database must not hang the probe with it. */
export const READINESS_TIMEOUT_MS = 2000;

export function healthRoutes(
  checks: ReadinessCheck[],
  logger: Logger,
  timeoutMs = READINESS_TIMEOUT_MS,
): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const results = await Promise.all(
      checks.map(async (c) => ({ name: c.name, ...(await bounded(c, logger, timeoutMs)) })),
    );
    const failing = results.filter((r) => !r.ok);
    ctx.status = failing.length === 0 ? 200 : 503;
    ctx.body = {
      status: failing.length === 0 ? 'ready' : 'not ready',
      reasons: failing.map((r) => `${r.name}: ${r.reason ?? 'not ready'}`),
      checks: results,
    };
  });
  return router;
}

/**
 * `/readyz` answers anyone, so a check that throws is reported only as unreachable: driver
 * errors name hosts and ports, and those go to the log instead.
 */
async function bounded(check: ReadinessCheck, logger: Logger, timeoutMs: number): Promise<ReadinessResult> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<ReadinessResult>((resolve) => {
    timer = setTimeout(() => {
      logger.warn({ check: check.name, timeoutMs }, 'readiness check timed out');
      resolve({ ok: false, reason: 'timed out' });
    }, timeoutMs);
  });
  try {
    return await Promise.race([check.check(), late]);
  } catch (error: unknown) {
    logger.warn({ err: error, check: check.name }, 'readiness check failed');
    return { ok: false, reason: 'unreachable' };
  } finally {
    clearTimeout(timer);
  }
}
