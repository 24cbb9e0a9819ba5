import { randomUUID } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ConnectionLease } from '../../src/db/leases/connection-lease.entity.js';
import { GatewayReading } from '../../src/ingest/gateway-reading.entity.js';
import { createLogger } from '../../src/shared/logger.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ingestYaml, startIngestWorld, type IngestWorld } from './world.js';

const BROKER = process.env.MQTT_TEST_URL ?? 'mqtt://127.0.0.1:1883';
const HOLDING = 'holding the connection lease; opening the connection';

/** A logger whose lines the test reads. */
function capturedLogger(): { logger: ReturnType<typeof createLogger>; lines: () => string[] } {
  const lines: string[] = [];
  const logger = createLogger('info', { destination: { write: (line: string) => void lines.push(line) } });
  return { logger, lines: () => lines };
}

/**
 * Two server instances with the same broker configuration: with both connected under one client
 * id, the broker would push each out in turn. Only the holder of the lease connects; when it
 * stops, the other takes the session over and what the gateway sent meanwhile arrives once.
 */
describe('MQTT ingest on two instances', () => {
  const run = randomUUID().slice(0, 8);
  const clientId = `sfb-lease-${run}`;
  const extraYaml = `ingest:
  mqtt:
    url: ${BROKER}
    clientId: ${clientId}
    topics:
      - { filter: 'sfb-${run}/plc/+/count', kind: counts, fields: { equipment: 'topic[2]', device: dev, seq: sn, count: qty } }
`;
  const env = { CONNECTION_LEASE_MS: '3000' };
  const running: TestApp[] = [];
  let world: IngestWorld | undefined;
  let publisher: MqttClient | undefined;

  afterAll(async () => {
    await publisher?.endAsync();
    for (const app of running.splice(0)) await app.close();
    await world?.db.drop();
    await (await connectAsync(BROKER, { clientId, clean: true })).endAsync();
  });

  it('connects from the lease holder only, and the other instance takes the session over on stop', async () => {
    const first = capturedLogger();
    const second = capturedLogger();
    world = await startIngestWorld({ extraYaml, env, logger: first.logger });
    running.push(world);
    // One clock for both: a lease's expiry is judged by the clock of the instance asking.
    const standBy = await startTestApp({
      db: world.db,
      clock: world.clock,
      factory: ingestYaml(extraYaml),
      env,
      logger: second.logger,
    });
    running.push(standBy);
    await world.orderOnCnc01('WO-LEASE', 100_000);
    publisher = await connectAsync(BROKER, { clientId: `sfb-lease-pub-${run}`, clean: true });
    const send = (seqs: number[]) =>
      Promise.all(
        seqs.map((sn) =>
          publisher!.publishAsync(
            `sfb-${run}/plc/CNC-01/count`,
            JSON.stringify({ dev: 'PLC-9', sn, qty: 2 }),
            {
              qos: 1,
            },
          ),
        ),
      );
    const stored = () => standBy.orm.em.fork().count(GatewayReading, { device: 'PLC-9' });
    const holding = (log: { lines: () => string[] }) => log.lines().filter((l) => l.includes(HOLDING)).length;

    await send(Array.from({ length: 200 }, (_, i) => i + 1));
    await vi.waitFor(async () => expect(await stored()).toBe(200), { timeout: 20_000, interval: 100 });
    await new Promise((resolve) => setTimeout(resolve, 2000)); // several lease rounds of the stand-by
    expect([holding(first), holding(second)]).toEqual([1, 0]);
    const leases = await standBy.orm.em.fork().find(ConnectionLease, { name: `mqtt:${clientId}` });
    expect(leases).toHaveLength(1);

    running.splice(running.indexOf(world), 1);
    await world.close(); // the holder stops: its lease is given up, its session waits at the broker
    await send(Array.from({ length: 300 }, (_, i) => i + 101)); // 100 of them sent before
    await vi.waitFor(async () => expect(await stored()).toBe(400), { timeout: 30_000, interval: 100 });
    expect(holding(second)).toBe(1);
    const pending = () => standBy.orm.em.fork().count(GatewayReading, { device: 'PLC-9', state: 'pending' });
    await vi.waitFor(async () => expect(await pending()).toBe(0), { timeout: 10_000, interval: 100 });
  }, 90_000);
});
