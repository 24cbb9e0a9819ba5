import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutboxMessage } from '../../../src/chat/outbox/outbox-message.entity.js';
import { startWecomWorld, type WecomWorld } from './wecom-world.js';

/** message/send cut off after WeCom took it: delivered or not, nobody knows (issue 16 item 3). */
describe('a WeCom send whose answer never came', () => {
  let world: WecomWorld;
  beforeEach(async () => {
    world = await startWecomWorld();
  });
  afterEach(async () => {
    await world.stop();
  });

  const SEND = '/cgi-bin/message/send';
  const push = async (personId: string, text: string) => {
    await world.app.orm.em.fork().transactional(async (tx) => {
      await world.app.chat.outbox.enqueue(tx, { kind: 'person', personId }, { kind: 'text', text });
    });
  };
  const sendsOf = (text: string) =>
    world.fake.recorded.filter(
      (r) => r.path === SEND && (r.body?.text as { content?: string } | undefined)?.content === text,
    );
  const rowOf = async (text: string) =>
    (await world.app.orm.em.fork().find(OutboxMessage, {}, { orderBy: { id: 'asc' } })).filter(
      (m) => m.content.kind === 'text' && m.content.text === text,
    );
  const drainFor = async (ms: number, step = 1000) => {
    for (let t = 0; t < ms; t += step) {
      await world.app.chat.dispatcher.drainOnce();
      world.app.clock.advance(step);
    }
  };

  it('is sent again with the identical body inside the duplicate check, and WeCom delivers it once', async () => {
    world.fake.cutAfterAccepting(SEND);
    await push('zhangwei', '断线也只收一次');
    await world.app.chat.dispatcher.drainOnce();
    const [inDoubt] = await rowOf('断线也只收一次');
    expect(inDoubt).toMatchObject({ status: 'sending', attempts: 1 });
    expect(inDoubt?.lastError).toContain('no answer');

    await drainFor(10_000);
    const sends = sendsOf('断线也只收一次');
    expect(sends).toHaveLength(2);
    expect(sends[0]?.body).toMatchObject({ enable_duplicate_check: 1, duplicate_check_interval: 3600 });
    expect(JSON.stringify(sends[1]?.body)).toBe(JSON.stringify(sends[0]?.body));
    expect(sends.map((s) => s.duplicate)).toEqual([false, true]);
    expect(world.fake.deliveriesTo('zhangwei')).toBe(1);
    expect((await rowOf('断线也只收一次'))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('goes to an admin instead of out again when the same text went to that person within the hour', async () => {
    await push('zhangwei', '收到');
    await world.app.chat.dispatcher.drainOnce();
    world.fake.cutAfterAccepting(SEND);
    await push('zhangwei', '收到');
    await drainFor(10_000);

    const sends = sendsOf('收到');
    // The second would be swallowed by the check as a copy of the first: it goes without it.
    expect(sends[0]?.body).toMatchObject({ enable_duplicate_check: 1 });
    expect(sends[1]?.body).not.toHaveProperty('enable_duplicate_check');
    expect(sends).toHaveLength(2);
    expect(world.fake.deliveriesTo('zhangwei')).toBe(2);
    const [first, second] = await rowOf('收到');
    expect(first).toMatchObject({ status: 'sent', attempts: 1 });
    expect(second).toMatchObject({ status: 'dead', attempts: 1 });
    expect(second?.lastError).toContain('outcome unknown, not resent');
    const alerts = await world.app.orm.em
      .fork()
      .find(OutboxMessage, { dedupeKey: { $like: `dead-alert:${second?.id}:%` } });
    expect(alerts.length).toBeGreaterThan(0);
  });

  it('is not sent again once the duplicate check window may have passed', async () => {
    world.fake.cutAfterAccepting(SEND);
    await push('liuyang', '一小时后不再补发');
    await world.app.chat.dispatcher.drainOnce();
    world.app.clock.advance(56 * 60_000);
    await world.app.chat.dispatcher.drainOnce();
    expect(sendsOf('一小时后不再补发')).toHaveLength(1);
    const [row] = await rowOf('一小时后不再补发');
    expect(row).toMatchObject({ status: 'dead', attempts: 1 });
    expect(row?.lastError).toContain('past the duplicate check window');
  });
});
