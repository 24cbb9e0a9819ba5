import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AbstractSqlConnection } from '@mikro-orm/knex';
import type { InboundEvent } from '../../src/chat/inbound-event.js';
import { chatMessages } from '../../src/chat/messages.js';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { castYaml } from '../support/people.js';
import { tallyFeature } from '../support/tally-feature.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The sender of every message is looked up by their chat id, and people are kept between
 * messages; a change made through the API must still count from the very next message.
 */
describe('people changed while the bot runs', () => {
  let app: TestApp;
  let hr: string;
  let message = 0;
  beforeEach(async () => {
    app = await startTestApp({ factory: castYaml, features: [tallyFeature] });
    hr = await createApiKey(app.orm.em.fork(), 'HR system', ['people:write'], app.clock.now());
  });
  afterEach(async () => {
    await app.stop();
  });

  /** 张伟 writes to the WeCom app. */
  const say = async (text: string) => {
    const event: InboundEvent = {
      kind: 'text',
      channel: 'wecom-app',
      platformMessageId: `people-${++message}`,
      senderId: 'zhangwei',
      conversation: { kind: 'direct' },
      receivedAt: app.clock.now(),
      text,
    };
    return (await app.chat.engine.handle(event)).replies;
  };
  const putZhangwei = async (body: Record<string, unknown>) => {
    const res = await fetch(`${app.baseUrl}/api/v1/people/zhangwei`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${hr}` },
      body: JSON.stringify({ name: '张伟', roles: ['worker'], ...body }),
    });
    expect(res.status).toBe(200);
  };
  const refusedBoard = { kind: 'text', text: chatMessages.notAllowed('计数板', ['车间主任', '班组长']) };
  const unbound = { kind: 'text', text: chatMessages.unbound(['赵磊']) };

  it('given 张伟 is known, his messages look him up once, not once each', async () => {
    const lookups: string[] = [];
    const knex = (app.orm.em.getConnection() as AbstractSqlConnection).getKnex();
    const listen = (q: { sql: string }) => {
      if (q.sql.includes('channel_identities')) lookups.push(q.sql);
    };
    knex.on('query', listen);
    try {
      expect(await say('记一笔 1')).toEqual([{ kind: 'text', text: '已记 1。' }]);
      expect(await say('记一笔 2')).toEqual([{ kind: 'text', text: '已记 2。' }]);
    } finally {
      knex.off('query', listen);
    }
    expect(lookups).toHaveLength(1);
  });

  it('when the API makes 张伟 a supervisor, his next message may use what supervisors use', async () => {
    expect(await say('计数板')).toEqual([refusedBoard]);
    await putZhangwei({ roles: ['worker', 'supervisor'] });
    const [answer] = await say('计数板');
    expect(answer?.kind).toBe('card');
  });

  it('when the API takes his WeCom id away, the next message from that id is a stranger’s', async () => {
    expect(await say('记一笔 1')).toEqual([{ kind: 'text', text: '已记 1。' }]);
    // Nothing about the person changes, only the identity row goes.
    await putZhangwei({ wecom: null });
    expect(await say('记一笔 1')).toEqual([unbound]);
  });

  it('when the API deactivates 张伟, his next message is refused like a stranger’s', async () => {
    expect(await say('记一笔 1')).toEqual([{ kind: 'text', text: '已记 1。' }]);
    await putZhangwei({ active: false });
    expect(await say('记一笔 1')).toEqual([unbound]);
  });
});
