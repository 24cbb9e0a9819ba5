import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayReading } from '../../src/ingest/gateway-reading.entity.js';
import { ROWS_PER_STATEMENT, storeReadings, type CountInput } from '../../src/ingest/ingest-service.js';
import { testDatabaseKind } from '../support/database.js';
import { monday10, startIngestWorld, type IngestWorld } from './world.js';

const count = (seq: number): CountInput => ({
  equipment: 'CNC-01',
  device: 'PLC-7',
  seq,
  good: 1 + (seq % 5),
  scrap: 0,
  at: monday10,
});

/**
 * What the MQTT subscription stores in one go when a broker hands over its backlog after a
 * restart: more messages than one SQLite statement may carry, some already stored, some twice.
 */
describe(`storing a gateway backlog on ${testDatabaseKind()}`, () => {
  let w: IngestWorld;
  beforeAll(async () => {
    w = await startIngestWorld();
  });
  afterAll(() => w.stop());

  it('stores a batch larger than one statement exactly once per device sequence number', async () => {
    expect(await storeReadings(w.orm.em.fork(), [1, 2, 3].map(count), monday10)).toBe(3);
    const backlog = Array.from({ length: 2.5 * ROWS_PER_STATEMENT }, (_, i) => count(i + 1));
    backlog.push(count(7), count(ROWS_PER_STATEMENT + 1)); // a gateway's replay inside the batch

    const fresh = await storeReadings(w.orm.em.fork(), backlog, monday10);

    expect(fresh).toBe(2.5 * ROWS_PER_STATEMENT - 3);
    const stored = await w.orm.em
      .fork()
      .find(GatewayReading, { device: 'PLC-7' }, { orderBy: { id: 'asc' } });
    expect(stored).toHaveLength(2.5 * ROWS_PER_STATEMENT);
    expect(new Set(stored.map((r) => r.seq)).size).toBe(2.5 * ROWS_PER_STATEMENT);
    expect(stored.reduce((sum, r) => sum + r.good, 0)).toBe(
      backlog.slice(0, -2).reduce((sum, r) => sum + r.good, 0),
    );
  });
});
