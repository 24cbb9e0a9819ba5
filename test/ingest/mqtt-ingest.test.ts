import { randomUUID } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import { afterAll, describe, expect, it } from 'vitest';
import { GatewayReading } from '../../src/ingest/gateway-reading.entity.js';
import { OperationTask } from '../../src/workorders/operation-task.entity.js';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import { startTestApp } from '../support/test-app.js';
import { ingestYaml, startIngestWorld, type IngestWorld } from './world.js';

const BROKER = process.env.MQTT_TEST_URL ?? 'mqtt://127.0.0.1:1883';
const READINGS = Number(process.env.MQTT_TEST_READINGS ?? 10_000);

/** A small deterministic generator, so a failing stream can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

interface Message {
  seq: number;
  qty: number;
}

/**
 * 10,000 numbered counts of 1–5 pieces; 5 % of them swapped with a neighbour a few places on
 * (out of order) and 5 % sent a second time somewhere later (a gateway's replay): 10,500 messages.
 */
function plcStream(): { messages: Message[]; total: number } {
  const next = random(20261123);
  const readings = Array.from({ length: READINGS }, (_, i) => ({
    seq: i + 1,
    qty: 1 + Math.floor(next() * 5),
  }));
  const total = readings.reduce((sum, r) => sum + r.qty, 0);
  const messages = [...readings];
  for (let n = 0; n < READINGS * 0.05; n++) {
    const i = Math.floor(next() * (messages.length - 10));
    const j = i + 1 + Math.floor(next() * 8);
    [messages[i], messages[j]] = [messages[j]!, messages[i]!];
  }
  for (let n = 0; n < READINGS * 0.05; n++) {
    const original = readings[Math.floor(next() * READINGS)]!;
    const at = Math.min(messages.length, original.seq + Math.floor(next() * 300));
    messages.splice(at, 0, { ...original });
  }
  return { messages, total };
}

describe('gateway ingest over MQTT through a real broker', () => {
  const run = randomUUID().slice(0, 8);
  const clientId = `sfb-test-${run}`;
  const extraYaml = `ingest:
  mqtt:
    url: ${BROKER}
    clientId: ${clientId}
    topics:
      - { filter: 'sfb-${run}/plc/+/count', kind: counts, fields: { equipment: 'topic[2]', device: dev, seq: sn, count: qty } }
`;
  let world: IngestWorld | undefined;
  let publisher: MqttClient | undefined;

  afterAll(async () => {
    await publisher?.endAsync();
    if (world) {
      await world.close();
      await world.db.drop();
    }
    // Forget the kept session at the broker.
    await (await connectAsync(BROKER, { clientId, clean: true })).endAsync();
  });

  it('ends a stream of 10,000 counts with 5 % duplicates and 5 % out of order, across a restart, with exact totals', async () => {
    const { messages, total } = plcStream();
    expect(messages).toHaveLength(READINGS * 1.05);
    world = await startIngestWorld({ extraYaml });
    await world.orderOnCnc01('WO-PLC', 1_000_000);
    publisher = await connectAsync(BROKER, { clientId: `sfb-test-pub-${run}`, clean: true });
    const stored = () => world!.orm.em.fork().count(GatewayReading);
    const seen = new Set<number>();

    /** Publishes at QoS 1 in windows, each waited for, to stay below the broker's per-client queue. */
    const publish = async (batch: Message[], waitForStore = true) => {
      for (let i = 0; i < batch.length; i += 500) {
        const window = batch.slice(i, i + 500);
        await Promise.all(
          window.map((m) =>
            publisher!.publishAsync(
              `sfb-${run}/plc/CNC-01/count`,
              JSON.stringify({ dev: 'PLC-7', sn: m.seq, qty: m.qty }),
              {
                qos: 1,
              },
            ),
          ),
        );
        for (const m of window) seen.add(m.seq);
        const t0 = Date.now();
        if (waitForStore) await until(async () => (await stored()) === seen.size);
        if (process.env.MQTT_TEST_DEBUG) console.log(`window ${i}: stored in ${Date.now() - t0} ms`);
      }
    };

    const started = Date.now();
    await publish(messages.slice(0, 5_000));
    // The bot stops; what the PLC sends meanwhile waits at the broker for the kept session.
    const db = world.db;
    await world.close();
    world = undefined;
    await publish(messages.slice(5_000, 5_800), false);
    const again = await startTestApp({ db, factory: ingestYaml(extraYaml) });
    world = Object.assign(again, { key: '', post: undefined as never, orderOnCnc01: undefined as never });
    await publish(messages.slice(5_800));
    await until(async () => (await world!.orm.em.fork().count(GatewayReading, { state: 'pending' })) === 0);
    const seconds = (Date.now() - started) / 1000;

    const em = world.orm.em.fork();
    const reports = await em.find(WorkReport, { channel: 'gateway' });
    expect(await em.count(GatewayReading)).toBe(READINGS);
    expect(await em.count(GatewayReading, { state: 'reported' })).toBe(READINGS);
    expect(reports.reduce((sum, r) => sum + r.good, 0)).toBe(total);
    expect(reports.reduce((sum, r) => sum + r.scrap, 0)).toBe(0);
    const task = await em.findOneOrFail(OperationTask, { workOrder: { number: 'WO-PLC' }, sequence: 10 });
    expect([task.goodTotal, task.status]).toEqual([total, 'in_progress']);
    console.log(
      `MQTT ingest: ${messages.length} messages, ${READINGS} readings, ${reports.length} work reports, ${seconds.toFixed(1)} s`,
    );
  }, 180_000);
});

async function until(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // A poll that fails (a connection refused on a loaded machine) is simply tried again.
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the ingest');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
