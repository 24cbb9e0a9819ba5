import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type Logger } from 'pino';

/** What every log line written while handling one request, frame or job should carry. */
export interface LogContext {
  requestId?: string;
  job?: string;
  channel?: string;
}

export const logContext = new AsyncLocalStorage<LogContext>();

export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'shopfloor-bot' },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => ({ ...logContext.getStore() }),
    redact: {
      paths: ['*.secret', '*.clientSecret', '*.aesKey', '*.token', '*.access_token'],
      censor: '[redacted]',
    },
  });
}

export type { Logger };
