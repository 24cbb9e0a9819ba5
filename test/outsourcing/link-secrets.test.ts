import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InboundRecord } from '../../src/chat/inbound/inbound-record.entity.js';
import { AccessLink } from '../../src/outsourcing/access-link.entity.js';
import { createLogger } from '../../src/shared/logger.js';
import { startWorld, type World } from './world.js';

/** A partner link is a bearer secret: only the person who asked for it may ever read it. */
describe('partner link tokens in logs and in stored replies', () => {
  let world: World;
  const lines: string[] = [];
  beforeAll(async () => {
    world = await startWorld({
      logger: createLogger('info', { destination: { write: (line: string) => void lines.push(line) } }),
    });
  });
  afterAll(async () => {
    await world.stop();
  });

  const linkReply = (token: string) =>
    `华美电镀 的专用链接（12-23 08:00 前有效，可在手机上直接打开，无需登录）：\nhttp://localhost:3000/p/${token}\n发送「撤销链接 华美电镀」可以让它立即失效。`;
  const askForLink = async (messageId: string) => {
    const replies = await world.as('sunli').say('外协链接 华美电镀', messageId);
    const text = replies[0]?.kind === 'text' ? replies[0].text : '';
    return { replies, token: /\/p\/([A-Za-z0-9_-]{32})\n/.exec(text)?.[1] ?? 'no token' };
  };
  const storedReplies = async (messageId: string) =>
    (await world.orm.em.fork().findOne(InboundRecord, { channel: 'console', platformMessageId: messageId }))
      ?.replies;

  it('logs a partner page request as /p/[redacted], and the token nowhere', async () => {
    const { replies, token } = await askForLink('link-log-1');
    expect(replies).toEqual([{ kind: 'text', text: linkReply(token) }]);
    expect((await fetch(`${world.baseUrl}/p/${token}`)).status).toBe(200);
    const requests = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'request');
    expect(requests.at(-1)).toMatchObject({ method: 'GET', path: '/p/[redacted]', status: 200 });
    expect(lines.join('\n')).not.toContain(token);
  });

  it('stores the reply with the token replaced, while the coordinator gets a working link', async () => {
    const { replies, token } = await askForLink('link-store-1');
    expect(replies).toEqual([{ kind: 'text', text: linkReply(token) }]);
    expect(await storedReplies('link-store-1')).toEqual([{ kind: 'text', text: linkReply('[redacted]') }]);
    expect((await fetch(`${world.baseUrl}/p/${token}`)).status).toBe(200);
  });

  it('answers a platform retry of the same message with the same working link, making no second link', async () => {
    const first = await askForLink('link-retry-1');
    const links = await world.orm.em.fork().count(AccessLink);
    world.clock.advance(15_000);
    const retry = await askForLink('link-retry-1');
    expect(retry).toEqual(first);
    expect(await world.orm.em.fork().count(AccessLink)).toBe(links);
    expect((await fetch(`${world.baseUrl}/p/${retry.token}`)).status).toBe(200);
  });

  it('answers a retry long after the first answer with the sealed reply: the token is kept nowhere', async () => {
    await askForLink('link-late-1');
    world.clock.advance(11 * 60_000);
    const late = await world.as('sunli').say('外协链接 华美电镀', 'link-late-1');
    expect(late).toEqual([{ kind: 'text', text: linkReply('[redacted]') }]);
  });
});
