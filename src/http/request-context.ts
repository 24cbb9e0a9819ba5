import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import { logContext, type Logger } from '../shared/logger.js';

const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives every request an id (kept from `X-Request-Id` when a proxy already set a sane one),
 * runs the rest of the chain inside a log context carrying it, and logs one line per request.
 */
export function requestContext(logger: Logger): Middleware {
  return async (ctx, next) => {
    const incoming = ctx.get('x-request-id');
    const requestId = INCOMING_ID.test(incoming) ? incoming : randomUUID();
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    const started = performance.now();
    await logContext.run({ requestId }, async () => {
      try {
        await next();
      } finally {
        logger.info(
          {
            method: ctx.method,
            path: ctx.path,
            status: ctx.status,
            ms: Math.round(performance.now() - started),
          },
          'request',
        );
      }
    });
  };
}
