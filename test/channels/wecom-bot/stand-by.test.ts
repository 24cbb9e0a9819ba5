import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OutboxMessage } from '../../../src/chat/outbox/outbox-message.entity.js';
import { ConnectionLease } from '../../../src/db/leases/connection-lease.entity.js';
import type { FakeWecomBot } from '../../fakes/wecom-bot/server.js';
import type { DemoApp } from '../../support/demo-app.js';
import { CNC, startBotWorld, type BotWorld } from './bot-world.js';

describe('a server instance that does not hold the WeCom bot connection', () => {
  let world: BotWorld;
  let fake: FakeWecomBot;
  let app: DemoApp;
  beforeEach(async () => {
    world = await startBotWorld({ CONNECTION_LEASE_MS: '1000' });
    ({ fake, app } = world);
  });
  afterEach(async () => {
    await world.stop();
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
