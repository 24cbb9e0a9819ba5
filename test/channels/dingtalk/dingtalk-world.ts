import { format } from 'node:util';
import { vi } from 'vitest';
import { InboundRecord } from '../../../src/chat/inbound/inbound-record.entity.js';
import { OutboxMessage } from '../../../src/chat/outbox/outbox-message.entity.js';
import { DingtalkCallBudget } from '../../../src/channels/dingtalk/call-budget.entity.js';
import { ManualClock } from '../../../src/shared/clock.js';
import {
  startFakeDingtalk,
  type FakeDingtalk,
  type FakeDingtalkOptions,
} from '../../fakes/dingtalk/server.js';
import { DEMO_NOW } from '../../support/demo-app.js';
import { startTestApp, type TestApp, type TestAppOptions } from '../../support/test-app.js';

export const DINGTALK_APP = {
  clientId: 'dingshopfloor0001',
  clientSecret: 'shopfloor-secret-0001',
  robotCode: 'dingshopfloor0001',
};
export const CARD_TEMPLATE = '8b2e4c1a-6d3f-4e5a-9b7c-0123456789ab.schema';
/** The CNC team's DingTalk group in test/support/people.ts. */
export const CNC_GROUP = 'cidCNC001';

export interface DingtalkWorld<A extends TestApp = TestApp> {
  app: A;
  fake: FakeDingtalk;
  clock: ManualClock;
  /** Messages the SDK writes with console.* whatever its debug flag (kept to check no secret leaks). */
  sdkConsole: () => string[];
  inboundRecords(): Promise<InboundRecord[]>;
  outbox(): Promise<OutboxMessage[]>;
  budgetCalls(): Promise<number>;
  stop(): Promise<void>;
}

export interface WorldOptions<A extends TestApp> {
  app?: TestAppOptions;
  fake?: Partial<FakeDingtalkOptions>;
  /** startTestApp by default; startDemoApp for the demo shop. */
  start?: (options: TestAppOptions) => Promise<A>;
}

/**
 * The whole app with DingTalk on: the fake platform on loopback (sharing the app's manual
 * clock for expiries and quotas), the real SDK connected to its gateway through
 * DINGTALK_API_BASE, the real engine and database. The outbox runs only when the test drains it.
 */
export async function startDingtalkWorld<A extends TestApp = TestApp>(
  options: WorldOptions<A> = {},
): Promise<DingtalkWorld<A>> {
  const printed: string[] = [];
  const capture = (...args: unknown[]) => void printed.push(format(...args));
  for (const method of ['info', 'warn', 'error', 'log', 'debug'] as const)
    vi.spyOn(console, method).mockImplementation(capture);
  const clock = options.app?.clock ?? new ManualClock(DEMO_NOW);
  const fake = await startFakeDingtalk({
    ...DINGTALK_APP,
    now: () => clock.now().getTime(),
    ...options.fake,
  });
  const start = options.start ?? (startTestApp as (o: TestAppOptions) => Promise<A>);
  const app = await start({
    ...options.app,
    clock,
    env: {
      DINGTALK_CLIENT_ID: DINGTALK_APP.clientId,
      DINGTALK_CLIENT_SECRET: DINGTALK_APP.clientSecret,
      DINGTALK_ROBOT_CODE: DINGTALK_APP.robotCode,
      DINGTALK_API_BASE: fake.baseUrl,
      DINGTALK_OAPI_BASE: fake.baseUrl,
      ...options.app?.env,
    },
  });
  await fake.waitForConnection();
  const em = () => app.orm.em.fork();
  return {
    app,
    fake,
    clock,
    sdkConsole: () => [...printed],
    inboundRecords: () => em().find(InboundRecord, { channel: 'dingtalk' }, { orderBy: { id: 'asc' } }),
    outbox: () => em().find(OutboxMessage, { channel: 'dingtalk' }, { orderBy: { id: 'asc' } }),
    budgetCalls: async () => (await em().find(DingtalkCallBudget, {})).reduce((sum, r) => sum + r.calls, 0),
    async stop() {
      await app.stop();
      await fake.close();
      vi.restoreAllMocks();
    },
  };
}

export function textOf(body: Record<string, unknown>): string {
  const text = body.text as { content?: string } | undefined;
  return text?.content ?? '';
}
