import { ValidationError } from '../../shared/errors.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

/** One page of a list: `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A cursor is the last row's sort key, opaque to clients (base64url of JSON). Pages are
 * read as "after this key", never by offset, so rows added while a client pages through
 * are neither skipped nor repeated.
 */
export function encodeCursor(key: string | number): string {
  return Buffer.from(JSON.stringify([key]), 'utf8').toString('base64url');
}

export function decodeCursor<K extends string | number>(cursor: string, kind: 'string' | 'number'): K {
  try {
    const [key] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof key === kind) return key as K;
  } catch {
    // Falls through to the refusal below: a cursor this API did not make.
  }
  throw new ValidationError('The cursor is not one this API gave out.', {
    errors: ['query.cursor: invalid'],
  });
}

/** `?limit=`: 1..200, 50 when absent. */
export function pageSizeOf(limit: string | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  const n = Number(limit);
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE)
    throw new ValidationError(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}.`, {
      errors: [`query.limit: must be an integer from 1 to ${MAX_PAGE_SIZE}`],
    });
  return n;
}

/** Rows read with `limit + 1`: the extra row only says whether another page exists. */
export function pageOf<R, T>(
  rows: R[],
  size: number,
  keyOf: (row: R) => string | number,
  view: (row: R) => T,
): Page<T> {
  const items = rows.slice(0, size);
  const last = items.at(-1);
  return {
    items: items.map(view),
    nextCursor: rows.length > size && last !== undefined ? encodeCursor(keyOf(last)) : null,
  };
}

/** The query parameters every paged list takes, for the OpenAPI document. */
export const pageParameters = {
  limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
  cursor: { type: 'string', description: 'nextCursor of the previous page' },
};

/** The response schema of a paged list of `item`. */
export function pageSchema(item: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'object',
    required: ['items', 'nextCursor'],
    additionalProperties: false,
    properties: { items: { type: 'array', items: item }, nextCursor: { type: ['string', 'null'] } },
  };
}

/** The query of a feed read by a poller: `since` (the previous answer's nextCursor) and `limit`. */
export const feedParameters = {
  since: { type: 'string', description: 'nextCursor of the previous call' },
  limit: pageParameters.limit,
};

/**
 * One read of a feed in id order: the rows after `since`, and where to go on from — the last row's
 * id, or `since` itself when nothing new came, so a poller always has a cursor to send back.
 */
export async function feedOf<R extends { id: number }, T>(
  query: Record<string, string | undefined>,
  read: (afterId: number | undefined, limit: number) => Promise<R[]>,
  view: (row: R) => T,
): Promise<Page<T>> {
  const limit = pageSizeOf(query.limit);
  const since = query.since === undefined ? undefined : decodeCursor<number>(query.since, 'number');
  const rows = await read(since, limit);
  const last = rows.at(-1);
  return { items: rows.map(view), nextCursor: last ? encodeCursor(last.id) : (query.since ?? null) };
}
