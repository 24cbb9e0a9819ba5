import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * Who may hold a platform's long connection right now. Every instance of the server shares the
 * database, so the one row per connection decides between them; a holder that stops renewing
 * loses it once `expiresAt` has passed.
 */
export const ConnectionLease = defineEntity({
  name: 'ConnectionLease',
  tableName: 'connection_leases',
  properties: {
    /** Which long connection, e.g. `wecom-bot`. */
    name: p.string().length(64).primary(),
    /** The instance holding it: host, process id and a random part (see leaseHolderId). */
    holder: p.string().length(128),
    expiresAt: p.datetime(3),
  },
});

export type ConnectionLease = InferEntity<typeof ConnectionLease>;
