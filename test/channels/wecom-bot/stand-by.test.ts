import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OutboxMessage } from '../../../src/chat/outbox/outbox-message.entity.js';
import { ConnectionLease } from '../../../src/db/leases/connection-lease.entity.js';
import { startFakeWecomBot, type FakeWecomBot } from '../../fakes/wecom-bot/server.js';
import { startDemoApp, type DemoApp } from '../../support/demo-app.js';

const BOT = { botId: 'aibot-factory-01', secret: 'bot-secret-01' };
/** 数控组's group, where the intelligent bot is a member (src/demo/demo-cast.ts). */
const CNC = 'wrDemoCncBot';

describe('a server instance that does not hold the WeCom bot connection', () => {
  let fake: FakeWecomBot;
  let app: DemoApp;
  beforeEach(async () => {
    fake = await startFakeWecomBot(BOT);
    app = await startDemoApp({
      env: {
        WECOM_BOT_ID: BOT.botId,
        WECOM_BOT_SECRET: BOT.secret,
        WECOM_BOT_WS_URL: fake.url,
        CONNECTION_LEASE_MS: '1000',
      },
    });
    await fake.waitForConnection();
  });
  afterEach(async () => {
    await app.stop();
    await fake.close();
  });

  it('closes its connection once another instance has the lease, leaves bot messages queued for that one, and stays ready', async () => {
    const dayAhead = new Date(app.clock.now().getTime() + 86_400_000);
    await app.orm.em
      .fork()
      .nativeUpdate(
        ConnectionLease,
        { name: 'wecom-bot' },
        { holder: 'other-instance', expiresAt: dayAhead },
      );
    await vi.waitFor(() => expect(fake.connectionCounts().open).toBe(0), { timeout: 5000 });

    await app.orm.em
      .fork()
      .transactional((tx) =>
        app.chat.outbox.enqueue(
          tx,
          { kind: 'group', channel: 'wecom-bot', chatId: CNC },
          { kind: 'text', text: 'WO-DEMO-003 交期明天，请抓紧。' },
        ),
      );
    await app.chat.dispatcher.drainOnce();

    const [queued] = await app.orm.em.fork().find(OutboxMessage, { channel: 'wecom-bot' });
    expect(queued).toMatchObject({ status: 'pending', attempts: 0 });
    expect(fake.proactiveSends()).toEqual([]);

    // Standing by is a healthy state: the load balancer keeps sending it callbacks and API calls.
    app.clock.advance(60_000);
    expect((await fetch(`${app.baseUrl}/readyz`)).status).toBe(200);
  });
});
