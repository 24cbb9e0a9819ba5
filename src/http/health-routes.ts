import Router from '@koa/router';

export interface ReadinessResult {
  ok: boolean;
  reason?: string;
}

/** Something `/readyz` must hear "ok" from: the database, its migrations, each connected channel. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<ReadinessResult>;
}

export function healthRoutes(checks: ReadinessCheck[]): Router {
  const router = new Router();
  router.get('/healthz', (ctx) => {
    ctx.body = { status: 'ok' };
  });
  router.get('/readyz', async (ctx) => {
    const results = await Promise.all(
      checks.map(async (c) => {
        try {
          return { name: c.name, ...(await c.check()) };
        } catch (error: unknown) {
          return { name: c.name, ok: false, reason: error instanceof Error ? error.message : String(error) };
        }
      }),
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
