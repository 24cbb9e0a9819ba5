import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { LeasedConnection } from '../../src/db/leases/leased-connection.js';
import { resolveDatabaseTarget } from '../../src/db/database-target.js';
import { ConnectionLease } from '../../src/db/leases/connection-lease.entity.js';
import { ConnectionLeases } from '../../src/db/leases/connection-leases.js';
import { openOrm, type Orm } from '../../src/db/orm.js';
import type { ScratchDatabase } from '../../src/db/scratch-database.js';
import { entities } from '../../src/entities.js';
import { ManualClock } from '../../src/shared/clock.js';
import { createLogger } from '../../src/shared/logger.js';
import { copyTestTemplate, testDatabaseKind } from '../support/database.js';

/** Attempts every 100 ms of real time; expiry is judged by the manual clock. */
const TTL = 300;

/** Leases that stop answering, as when this instance loses the database. */
class UnreachableLeases extends ConnectionLeases {
  reachable = true;
  override hold(name: string, holder: string, ttlMs: number): Promise<Date | undefined> {
    return this.reachable ? super.hold(name, holder, ttlMs) : Promise.reject(new Error('ECONNREFUSED'));
  }
}

describe(`a connection held through a lease on ${testDatabaseKind()}`, () => {
  let db: ScratchDatabase;
  let orm: Orm;
  let clock: ManualClock;
  const running: LeasedConnection[] = [];

  beforeAll(async () => {
    db = await copyTestTemplate('migrated');
    orm = await openOrm(await resolveDatabaseTarget(db.url), entities);
  });
  afterAll(async () => {
    await orm.close();
    await db.drop();
  });
  beforeEach(async () => {
    await orm.em.fork().nativeDelete(ConnectionLease, {});
    clock = new ManualClock('2026-11-30T08:00:00Z');
  });
  afterEach(async () => {
    for (const connection of running.splice(0)) await connection.stop();
  });

  function instance(holder: string, leases = new ConnectionLeases(orm, clock)) {
    const socket = { open: false, opened: 0 };
    const connection = new LeasedConnection({
      name: 'wecom-bot',
      holder,
      leases,
      ttlMs: TTL,
      clock,
      logger: createLogger('silent'),
      open: () => ((socket.open = true), (socket.opened += 1)),
      close: () => (socket.open = false),
    });
    running.push(connection);
    return { connection, socket };
  }

  it('is opened by one instance only; the other takes over once the lease is released on stop', async () => {
    const a = instance('a');
    const b = instance('b');
    await a.connection.start();
    await b.connection.start();
    expect(a.socket.open).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 3 * TTL)); // several renewals
    expect(b.socket.opened).toBe(0);
    expect(a.socket.opened).toBe(1);

    await a.connection.stop();
    expect(a.socket.open).toBe(false);
    await vi.waitFor(() => expect(b.socket.open).toBe(true), { timeout: 2000 });
    expect(b.connection.holding).toBe(true);
  });

  it('is closed by a holder that cannot renew once its lease ran out, and taken over by another', async () => {
    const leasesOfA = new UnreachableLeases(orm, clock);
    const a = instance('a', leasesOfA);
    const b = instance('b');
    await a.connection.start();
    await b.connection.start();
    leasesOfA.reachable = false;
    await new Promise((resolve) => setTimeout(resolve, 2 * TTL));
    expect(a.socket.open).toBe(true); // still within its lease by the clock

    clock.advance(TTL);
    await vi.waitFor(() => expect(b.socket.open).toBe(true), { timeout: 2000 });
    await vi.waitFor(() => expect(a.socket.open).toBe(false), { timeout: 2000 });
  });

  it('closes the connection when another holder has the lease', async () => {
    const a = instance('a');
    await a.connection.start();
    await orm.em.fork().nativeUpdate(ConnectionLease, { name: 'wecom-bot' }, { holder: 'someone-else' });
    await vi.waitFor(() => expect(a.socket.open).toBe(false), { timeout: 2000 });
    expect(a.connection.holding).toBe(false);
  });
});
