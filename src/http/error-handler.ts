import type { Context, Middleware } from 'koa';
import { AppError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';

interface HttpErrorLike {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message?: string;
  type?: string;
}

/**
 * The one place where an error becomes an HTTP response. Under `/api` that is RFC 9457
 * problem+json; elsewhere a small JSON body. Unexpected errors are logged with their stack
 * and shown only as "internal error".
 */
export function errorHandler(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        respond(ctx, 404, 'not_found', `No route for ${ctx.method} ${ctx.path}`, {});
      }
    } catch (error: unknown) {
      const { status, code, message, details } = describe(error);
      if (status >= 500) logger.error({ err: error }, 'request failed');
      else logger.warn({ code, status, reason: message }, 'request refused');
      respond(ctx, status, code, message, details);
    }
  };
}

function describe(error: unknown): {
  status: number;
  code: string;
  message: string;
  details: Record<string, unknown>;
} {
  if (error instanceof AppError) {
    return {
      status: error.status,
      code: error.code,
      message: error.expose ? error.message : 'Internal error',
      details: error.expose
        ? { ...error.details, ...(error.userMessage ? { userMessage: error.userMessage } : {}) }
        : {},
    };
  }
  const e = (error ?? {}) as HttpErrorLike;
  const status = e.status ?? e.statusCode ?? 500;
  const expose = e.expose ?? status < 500;
  const code = status === 413 ? 'payload_too_large' : status >= 500 ? 'internal_error' : 'bad_request';
  return { status, code, message: expose && e.message ? e.message : 'Internal error', details: {} };
}

function respond(
  ctx: Context,
  status: number,
  code: string,
  message: string,
  details: Record<string, unknown>,
): void {
  ctx.status = status;
  if (ctx.path.startsWith('/api/')) {
    ctx.type = 'application/problem+json';
    ctx.body = {
      type: `https://shopfloor-bot.dev/problems/${code}`,
      title: code.replace(/_/g, ' '),
      status,
      detail: message,
      code,
      instance: ctx.path,
      requestId: ctx.state.requestId,
      ...details,
    };
  } else {
    ctx.body = { error: code, message, requestId: ctx.state.requestId };
  }
}
