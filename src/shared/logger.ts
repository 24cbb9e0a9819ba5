import { AsyncLocalStorage } from 'node:async_hooks';
import { pino, type DestinationStream, type Logger } from 'pino';
import { redactLinkTokens } from './link-tokens.js';
import { LogDestination } from './log-destination.js';

/** What every log line written while handling one request, frame or job should carry. */
export interface LogContext {
  requestId?: string;
  job?: string;
  channel?: string;
}

export const logContext = new AsyncLocalStorage<LogContext>();

export interface LoggerOptions {
  /** Where lines go once standard output is broken (LOG_FILE); without it they are dropped. */
  fallbackFile?: string | undefined;
  /** Tests read the lines themselves instead of standard output. */
  destination?: DestinationStream;
}

export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  keepGoingWithoutStdio();
  const stdout = options.destination ? undefined : new LogDestination(options.fallbackFile);
  const logger = pino(
    {
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
    },
    options.destination ?? stdout,
  );
  if (stdout)
    stdout.onFallback = (reason, file) =>
      logger.warn({ reason, file }, 'standard output failed; logging continues in the fallback file');
  return logger;
}

let stdioGuarded = false;

/**
 * `console` output (ours and libraries') goes through process.stdout/stderr, which emit an
 * 'error' (EPIPE) once their reader is gone; unhandled, that would crash the process. The
 * stream is destroyed after that first error, so later writes are dropped quietly.
 */
function keepGoingWithoutStdio(): void {
  if (stdioGuarded) return;
  stdioGuarded = true;
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
}

export type { Logger };
