import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolveDatabaseTarget } from '../../src/db/database-target.js';
import { ConnectionLease } from '../../src/db/leases/connection-lease.entity.js';
import { ConnectionLeases } from '../../src/db/leases/connection-leases.js';
import { openOrm, type Orm } from '../../src/db/orm.js';
import type { ScratchDatabase } from '../../src/db/scratch-database.js';
import { ManualClock } from '../../src/shared/clock.js';
import { entities } from '../../src/entities.js';
import { copyTestTemplate, testDatabaseKind } from '../support/database.js';

const TTL = 15_000;

describe(`connection leases on ${testDatabaseKind()}`, () => {
  let db: ScratchDatabase;
  let orm: Orm;
  let clock: ManualClock;
  let leases: ConnectionLeases;

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
    leases = new ConnectionLeases(orm, clock);
  });

  it('is taken by the first instance and refused to a second while it lasts', async () => {
    expect(await leases.hold('wecom-bot', 'a', TTL)).toEqual(new Date('2026-11-30T08:00:15Z'));
    clock.advance(TTL - 1);
    expect(await leases.hold('wecom-bot', 'b', TTL)).toBeUndefined();
    const row = await orm.em.fork().findOneOrFail(ConnectionLease, 'wecom-bot');
    expect(row.holder).toBe('a');
  });

  it('is renewed by its holder, also at the same instant, and then outlasts the first term', async () => {
    await leases.hold('wecom-bot', 'a', TTL);
    expect(await leases.hold('wecom-bot', 'a', TTL)).toEqual(new Date('2026-11-30T08:00:15Z'));
    clock.advance(10_000);
    expect(await leases.hold('wecom-bot', 'a', TTL)).toEqual(new Date('2026-11-30T08:00:25Z'));
    clock.advance(10_000); // past the first term, within the renewed one
    expect(await leases.hold('wecom-bot', 'b', TTL)).toBeUndefined();
  });

  it('is taken over once its holder stopped renewing it, and the old holder cannot renew it then', async () => {
    await leases.hold('wecom-bot', 'a', TTL);
    clock.advance(TTL);
    expect(await leases.hold('wecom-bot', 'b', TTL)).toEqual(new Date('2026-11-30T08:00:30Z'));
    expect(await leases.hold('wecom-bot', 'a', TTL)).toBeUndefined();
  });

  it('is free at once when released, and a release by another holder changes nothing', async () => {
    await leases.hold('wecom-bot', 'a', TTL);
    await leases.release('wecom-bot', 'b');
    expect(await leases.hold('wecom-bot', 'b', TTL)).toBeUndefined();
    await leases.release('wecom-bot', 'a');
    expect(await leases.hold('wecom-bot', 'b', TTL)).toBeDefined();
  });

  it('keeps leases of different names apart', async () => {
    await leases.hold('wecom-bot', 'a', TTL);
    expect(await leases.hold('other', 'b', TTL)).toBeDefined();
  });

  it.each([
    ['free', async () => undefined],
    ['expired', async () => void (await leases.hold('wecom-bot', 'old', TTL), clock.advance(TTL))],
  ])('goes to exactly one of many instances asking at once when %s', async (_, before) => {
    await before();
    const holders = Array.from({ length: 8 }, (_, i) => `instance-${i}`);
    for (let round = 0; round < 5; round++) {
      const won = await Promise.all(holders.map((h) => leases.hold(`race-${round}`, h, TTL)));
      expect(won.filter((w) => w !== undefined)).toHaveLength(1);
    }
    const taken = await Promise.all(holders.map((h) => leases.hold('wecom-bot', h, TTL)));
    expect(taken.filter((w) => w !== undefined)).toHaveLength(1);
    const row = await orm.em.fork().findOneOrFail(ConnectionLease, 'wecom-bot');
    expect(holders[taken.findIndex((w) => w !== undefined)]).toBe(row.holder);
  });
});
