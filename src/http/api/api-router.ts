import Router from '@koa/router';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { AppServices } from '../../app-services.js';
import { retryOnLockConflict } from '../../db/lock-retry.js';
import { writeTransaction } from '../../db/locking.js';
import { jsonDepthExceeds, longerThan } from '../../shared/bounds/checks.js';
import { MAX_JSON_DEPTH, MAX_PATH_ID } from '../../shared/bounds/limits.js';
import { ValidationError } from '../../shared/errors.js';
import { authorize } from './api-keys.js';
import type { ApiResponse, ApiRoute } from './api-route.js';
import { idempotencyKeyOf, storeAnswer, storedAnswer } from './idempotency.js';
import { assertIfMatchSent } from './preconditions.js';
import { openApiDocument } from './openapi.js';

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false });

/**
 * `/api/v1`: every route checks its key's scope, validates its body against the schema it
 * declares, and runs in its own unit of work. Errors become problem+json in the one error
 * middleware, like everywhere else.
 */
export function apiRouter(services: AppServices, routes: ReadonlyArray<ApiRoute<never>>): Router {
  const router = new Router({ prefix: '/api/v1' });
  router.get('/openapi.json', (ctx) => {
    ctx.body = openApiDocument(routes);
  });
  for (const route of routes) {
    // Compiled on the route's first request: a hundred validators compiled at start-up cost
    // seconds of CPU and megabytes of memory for routes most factories never call.
    let compiled: ValidateFunction | undefined;
    const validate = (body: unknown) => (compiled ??= ajv.compile(route.body!))(body);
    router[route.method](route.path, async (ctx) => {
      const em = services.orm.em.fork();
      const key = await authorize(em, ctx.get('authorization'), route.scope, services.clock.now());
      const params = ctx.params as Record<string, string>;
      assertBoundedPath(params);
      const body = ctx.request.body as unknown;
      // Before ajv, whose recursion a 3,000-level body would otherwise walk.
      if (jsonDepthExceeds(body, MAX_JSON_DEPTH)) {
        throw new ValidationError(`The request body nests deeper than ${MAX_JSON_DEPTH} levels.`, {
          errors: [`body: nests deeper than ${MAX_JSON_DEPTH} levels`],
        });
      }
      if (route.body && !validate(body)) {
        throw new ValidationError('The request body does not match the schema.', {
          errors: (compiled?.errors ?? []).map(describe),
        });
      }
      const ifMatch = ctx.get('if-match') || undefined;
      if (route.ifMatch === 'required') assertIfMatchSent(ifMatch);
      const idempotencyKey = route.idempotent ? idempotencyKeyOf(ctx.get('idempotency-key')) : undefined;
      const request = {
        body: body as never,
        params,
        query: ctx.query as Record<string, string | undefined>,
        key,
        services,
        ifMatch,
      };
      // Two writers that InnoDB deadlocks (a gateway posting the same batch twice at once) are
      // both in the right: the loser is asked again in a fresh transaction, which sees the winner's
      // rows, instead of answering 500 to a request that would succeed a moment later.
      const result = await retryOnLockConflict(() =>
        em.transactional(async (tx): Promise<ApiResponse & { replayed?: boolean }> => {
          if (idempotencyKey === undefined) return route.handle({ ...request, em: tx });
          const scope = { apiKey: key, route: `${ctx.method} ${ctx.path}`, key: idempotencyKey, body };
          const now = services.clock.now();
          const stored = await storedAnswer(tx, scope, now);
          if (stored) return { ...stored, replayed: true };
          const fresh = await route.handle({ ...request, em: tx });
          await storeAnswer(tx, scope, { status: fresh.status ?? 200, body: fresh.body }, now);
          return fresh;
        }, writeTransaction(em)),
      );
      ctx.status = result.status ?? 200;
      ctx.body = result.body;
      if (result.etag !== undefined) ctx.set('ETag', result.etag);
      if (result.replayed) ctx.set('Idempotent-Replayed', 'true');
      if (route.produces) ctx.type = route.produces;
      if (result.afterCommit) {
        // The change is committed and answered; a follow-up that fails is logged and left to the
        // scheduled job that does the same work, rather than turning an accepted request into an error.
        await result.afterCommit().catch((error: unknown) => {
          services.logger.error({ err: error, path: route.path }, 'follow-up after an API change failed');
        });
      }
    });
  }
  return router;
}

/** No id column is longer than MAX_PATH_ID; a longer path id cannot name anything. */
function assertBoundedPath(params: Record<string, string>): void {
  const errors = Object.entries(params)
    .filter(([, value]) => longerThan(value, MAX_PATH_ID))
    .map(([name]) => `path.${name}: must NOT have more than ${MAX_PATH_ID} characters`);
  if (errors.length > 0) throw new ValidationError('A path parameter is too long.', { errors });
}

function describe(e: ErrorObject): string {
  const where = e.instancePath === '' ? 'body' : `body${e.instancePath.replace(/\//g, '.')}`;
  if (e.keyword === 'additionalProperties')
    return `${where}: unknown field "${String(e.params.additionalProperty)}"`;
  if (e.keyword === 'required') return `${where}: missing field "${String(e.params.missingProperty)}"`;
  return `${where}: ${e.message ?? e.keyword}`;
}
