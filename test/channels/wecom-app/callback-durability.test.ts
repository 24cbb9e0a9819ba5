import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HandleOutcome } from '../../../src/chat/engine.js';
import { InboundRecord } from '../../../src/chat/inbound/inbound-record.entity.js';
import { RESUME_GRACE_MS, resumeUnhandledInbound } from '../../../src/chat/inbound/resume-inbound.js';
import { WorkReport } from '../../../src/workorders/work-report.entity.js';
import { freezeConnections, refuseConnections } from '../../support/database-outage.js';
import { encryptedCallback, inbound, openReply, type CallbackRequest } from './callback-client.js';
import { startWecomWorld, type WecomWorld } from './wecom-world.js';

/** Issue 16 items 1 and 2: nothing is answered 200 before it is stored, nothing crashes the process. */
describe('the WeCom app callback under a database outage', () => {
  let world: WecomWorld;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(async () => {
    world = await startWecomWorld();
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await world.stop();
  });

  const report = (): CallbackRequest => {
    const now = world.app.clock.now();
    return encryptedCallback(inbound.text('zhangwei', '完工 WO-DEMO-001 2', now), { now });
  };
  const reports = () => world.app.orm.em.fork().count(WorkReport);
  const textsTo = (personId: string) =>
    world.fake.recorded
      .filter((r) => r.path === '/cgi-bin/message/send' && r.body?.touser === personId)
      .map((r) => (r.body?.text as { content?: string } | undefined)?.content);
  const resume = () =>
    resumeUnhandledInbound({
      orm: world.app.orm,
      clock: world.app.clock,
      logger: world.app.logger,
      engine: world.app.chat.engine,
    });

  it('a report handled past the passive deadline, then cut off from the database, is answered once after resuming', async () => {
    const before = await reports();
    const engine = world.app.chat.engine;
    const handle = engine.handle.bind(engine);
    let goOn = () => {};
    const held = new Promise<void>((resolve) => (goOn = resolve));
    const handlings: Array<Promise<HandleOutcome>> = [];
    // The handling waits (a slow database) until WeCom's answer window has passed.
    vi.spyOn(engine, 'handle').mockImplementation((event, options) => {
      const handling = held.then(() => handle(event, options));
      handlings.push(handling);
      return handling;
    });

    const res = await world.post(report());
    expect([res.status, await res.text()]).toEqual([200, '']);
    expect(await world.app.orm.em.fork().count(InboundRecord, { handledAt: null })).toBe(1);

    const outage = refuseConnections(world.app.orm);
    goOn();
    await expect(Promise.all(handlings)).rejects.toThrow(/ECONNREFUSED/);
    await new Promise((resolve) => setTimeout(resolve, 50));
    outage.end();
    vi.restoreAllMocks();
    expect(unhandled).toEqual([]);
    expect(await reports()).toBe(before);

    world.app.clock.advance(RESUME_GRACE_MS + 1000);
    expect(await resume()).toEqual({ resumed: 1, failed: 0 });
    expect(await resume()).toEqual({ resumed: 0, failed: 0 });
    await world.app.chat.dispatcher.drainOnce();
    expect(await reports()).toBe(before + 1);
    expect(textsTo('zhangwei').filter((t) => /^已报工.*合格 2 件/.test(t ?? ''))).toHaveLength(1);
    expect(await world.app.orm.em.fork().count(InboundRecord, { handledAt: null })).toBe(0);
  });

  it('a database refusing connections at arrival fails the callback, so WeCom retries, and the retry has the one effect', async () => {
    const before = await reports();
    const request = report();
    const outage = refuseConnections(world.app.orm);
    const refused = await world.post(request);
    outage.end();
    expect(refused.status).toBeGreaterThanOrEqual(500);

    const retried = await world.post(request);
    expect(retried.status).toBe(200);
    expect(String(openReply(await retried.text()).Content)).toMatch(/^已报工.*合格 2 件/);
    expect(await reports()).toBe(before + 1);
  });

  it('a frozen database at arrival gets no 200 within WeCom’s 5 s; the retry after it thaws is answered, with one effect', async () => {
    const before = await reports();
    const request = report();
    const outage = freezeConnections(world.app.orm);
    // The old route answered an empty 200 at its 4 s deadline here, and the report was lost.
    const unanswered = world.post(request).then(
      (res) => res.status,
      () => 'no answer',
    );
    const firstAnswer = await Promise.race([
      unanswered,
      new Promise((resolve) => setTimeout(() => resolve('no answer'), 4_700)),
    ]);
    expect(firstAnswer).toBe('no answer');
    outage.end();

    const retried = await world.post(request);
    expect(retried.status).toBe(200);
    expect(String(openReply(await retried.text()).Content)).toMatch(/^已报工.*合格 2 件/);
    await unanswered;
    expect(await reports()).toBe(before + 1);
    expect(unhandled).toEqual([]);
  });
});
