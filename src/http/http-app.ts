import { createServer, type Server } from 'node:http';
import { bodyParser } from '@koa/bodyparser';
import type Router from '@koa/router';
import Koa from 'koa';
import type { Logger } from '../shared/logger.js';
import { errorHandler } from './error-handler.js';
import { requestContext } from './request-context.js';

/** WeCom callbacks are a few KB; a megabyte leaves room for API imports without inviting abuse. */
export const BODY_LIMIT = '1mb';

export function createHttpApp(logger: Logger, routers: Router[]): Koa {
  const app = new Koa({ proxy: true });
  app.silent = true; // errors are logged by errorHandler, once
  app.use(requestContext(logger));
  app.use(errorHandler(logger));
  app.use(
    bodyParser({
      enableTypes: ['json', 'form', 'text', 'xml'],
      jsonLimit: BODY_LIMIT,
      formLimit: BODY_LIMIT,
      textLimit: BODY_LIMIT,
      xmlLimit: BODY_LIMIT,
    }),
  );
  for (const router of routers) app.use(router.routes()).use(router.allowedMethods());
  return app;
}

/** Headers are a few hundred bytes; a client that cannot send them in this long is stalling. */
const HEADERS_TIMEOUT_MS = 10_000;

/**
 * The server for the app, with a bound on how long one request may take to arrive: a client
 * that declares a large body and trickles it would otherwise hold a socket for Node's default
 * five minutes.
 */
export function createHttpServer(app: Koa, requestTimeoutMs: number): Server {
  return createServer(
    {
      requestTimeout: requestTimeoutMs,
      headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeoutMs),
      // Node enforces both only when it sweeps its connections (every 30 s by default).
      connectionsCheckingInterval: Math.min(1000, requestTimeoutMs),
    },
    app.callback(),
  );
}
