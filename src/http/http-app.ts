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
