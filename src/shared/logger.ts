import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';
import { redactLinkTokens } from './link-tokens.js';

/** What every log line written while handling one request, frame or job should carry. */
export interface LogContext {
  requestId?: string;
  job?: string;
  channel?: string;
}

export const logContext = new AsyncLocalStorage<LogContext>();

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'shopfloor-bot' },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => ({ ...logContext.getStore() }),
    redact: {
      paths: ['*.secret', '*.clientSecret', '*.aesKey', '*.token', '*.access_token'],
      censor: '[redacted]',
    },
    // Request paths carry partner link tokens (`/p/<token>`).
    serializers: { path: (path: unknown) => (typeof path === 'string' ? redactLinkTokens(path) : path) },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { Logger };
