import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors.js';

/** A strong ETag: the hash of the representation a GET returns, so any visible change moves it. */
export function etagOf(representation: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(representation)).digest('base64url').slice(0, 27)}"`;
}

/**
 * `If-Match` on an update: the client shows which version it changed, and a change made in
 * between by someone else (a planner in chat, another system) is refused instead of overwritten.
 */
export function assertIfMatch(ifMatch: string | undefined, current: string): void {
  assertIfMatchSent(ifMatch);
  const tags = ifMatch.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes('*') && !tags.includes(current)) {
    throw new AppError('precondition_failed', 'The record changed since you read it; read it again.', {
      status: 412,
      details: { currentEtag: current },
    });
  }
}

/** On routes that require it, a change without `If-Match` is refused before anything is read. */
export function assertIfMatchSent(ifMatch: string | undefined): asserts ifMatch is string {
  if (ifMatch === undefined) {
    throw new AppError('precondition_required', 'Send If-Match with the ETag of the record you change.', {
      status: 428,
    });
  }
}
