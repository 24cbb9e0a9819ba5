/** Failures before a connection existed: nothing can have reached the platform. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * True when `fetch` failed before the request could be written. Anything else (a timeout, a
 * reset) may have reached the platform, so the call's effect is unknown, not absent.
 */
export function neverConnected(error: unknown): boolean {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' && NOT_CONNECTED.has(cause.code);
}

/** A fetch failure with its low-level code, for logs and dead-letter reasons. */
export function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  return cause?.code !== undefined ? `${error.message} (${String(cause.code)})` : error.message;
}
