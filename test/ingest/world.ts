import { randomUUID } from 'node:crypto';
import { unitOf } from '../../src/app-services.js';
import type { Actor } from '../../src/chat/audit/actor.js';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { MaterialLot } from '../../src/materials/material-lot.entity.js';
import { personById } from '../../src/people/directory.js';
import { ManualClock } from '../../src/shared/clock.js';
import { dispatchTask } from '../../src/workorders/dispatch-service.js';
import { Item } from '../../src/workorders/item.entity.js';
import { RoutingStep } from '../../src/workorders/routing-step.entity.js';
import { loadOrder } from '../../src/workorders/task-lookup.js';
import { createWorkOrder, releaseWorkOrder } from '../../src/workorders/work-order-service.js';
import { castYaml } from '../support/people.js';
import { startTestApp, type TestApp, type TestAppOptions } from '../support/test-app.js';

/** The chat cast, two machines (one that never had a work order), and `extra` factory.yaml. */
export const ingestYaml = (extra = '') => `${castYaml.trimEnd()}
equipment:
  - { code: CNC-01, name: 数控车床 1 号, type: lathe, team: cnc }
  - { code: CNC-02, name: 数控车床 2 号, type: lathe, team: cnc }
${extra}`;

export const MQTT_BROKER = process.env.MQTT_TEST_URL ?? 'mqtt://127.0.0.1:1883';

/**
 * A subscription of its own on the shared test broker: the client id and the topics carry a
 * fresh run id, so kept sessions and messages of other runs never reach it.
 */
export function mqttIngest(prefix: string): {
  run: string;
  clientId: string;
  topic: string;
  extraYaml: string;
} {
  const run = randomUUID().slice(0, 8);
  const clientId = `${prefix}-${run}`;
  const extraYaml = `ingest:
  mqtt:
    url: ${MQTT_BROKER}
    clientId: ${clientId}
    topics:
      - { filter: 'sfb-${run}/plc/+/count', kind: counts, fields: { equipment: 'topic[2]', device: dev, seq: sn, count: qty } }
`;
  return { run, clientId, topic: `sfb-${run}/plc/CNC-01/count`, extraYaml };
}

/** Monday 2026-11-23 at 10:00 in Shanghai. */
export const monday10 = new Date('2026-11-23T10:00:00+08:00');

export interface IngestWorld extends TestApp {
  key: string;
  post(path: string, body: unknown, key?: string): Promise<{ status: number; json: Record<string, unknown> }>;
  /** Work order `number` of `quantity` shafts, released; its first operation dispatched to 张伟 on CNC-01. */
  orderOnCnc01(number: string, quantity: number): Promise<void>;
}

export async function startIngestWorld(
  options: TestAppOptions & { extraYaml?: string } = {},
): Promise<IngestWorld> {
  const { extraYaml, ...rest } = options;
  const app = await startTestApp({
    factory: ingestYaml(extraYaml),
    clock: new ManualClock(monday10),
    ...rest,
  });
  const key = await createApiKey(app.orm.em.fork(), 'plc-gateway', ['ingest:write'], app.clock.now());
  await app.orm.em.fork().transactional(async (em) => {
    const item = em.create(Item, { code: 'SHF-200', name: '传动轴' });
    em.create(RoutingStep, { item, sequence: 10, name: '车削' });
    em.create(RoutingStep, { item, sequence: 20, name: '磨削' });
    const steel = em.create(Item, { code: 'STEEL-45', name: '45 号钢', unit: 'kg' });
    em.create(MaterialLot, {
      lotNumber: 'L-01',
      item: steel,
      quantity: 500,
      remaining: 500,
      receivedAt: monday10,
    });
  });
  return Object.assign(app, {
    key,
    async post(path: string, body: unknown, withKey = key) {
      const res = await fetch(`${app.baseUrl}/api/v1${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${withKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    },
    async orderOnCnc01(number: string, quantity: number) {
      await app.orm.em.fork().transactional(async (em) => {
        const deps = unitOf(app.services, em);
        const lead: Actor = {
          person: (await personById(em, 'wangfang'))!,
          channel: 'console',
          inboundEventId: null,
          at: app.clock.now(),
        };
        const order = await createWorkOrder(
          deps,
          lead,
          { itemCode: 'SHF-200', quantity, dueDate: '2026-12-31', number },
          'Asia/Shanghai',
        );
        await releaseWorkOrder(deps, lead, order);
        await em.flush();
        const loaded = await loadOrder(em, number);
        await dispatchTask(
          deps,
          lead,
          loaded,
          loaded.tasks[0]!,
          { kind: 'person', personId: 'zhangwei' },
          'CNC-01',
        );
      });
    },
  });
}
