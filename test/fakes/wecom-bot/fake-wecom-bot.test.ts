import {
  WSClient,
  type Logger,
  type TemplateCard,
  type WSClientEventMap,
  type WSClientOptions,
  type WsFrame,
} from '@wecom/aibot-node-sdk';
import WebSocket from 'ws';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../src/shared/clock.js';
import { ERRCODE, startFakeWecomBot, type FakeWecomBot, type FakeWecomBotOptions } from './server.js';

const BOT = { botId: 'aibFakeBot0001', secret: 'fake-bot-secret-0001' };

const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

const fakes: FakeWecomBot[] = [];
const clients: WSClient[] = [];
const rawSockets: WebSocket[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) if (client.isConnected) client.disconnect();
  for (const socket of rawSockets.splice(0)) socket.terminate();
  for (const fake of fakes.splice(0)) await fake.close();
});

async function givenFake(overrides: Partial<FakeWecomBotOptions> = {}): Promise<FakeWecomBot> {
  const fake = await startFakeWecomBot({ ...BOT, ...overrides });
  fakes.push(fake);
  return fake;
}

/** The real SDK pointed at the fake, with reconnects fast and heartbeats out of the way. */
function sdkClient(fake: FakeWecomBot, overrides: Partial<WSClientOptions> = {}): WSClient {
  const client = new WSClient({
    ...BOT,
    wsUrl: fake.url,
    logger: silentLogger,
    reconnectInterval: 10,
    heartbeatInterval: 60_000,
    ...overrides,
  });
  clients.push(client);
  return client;
}

async function connectedClient(
  fake: FakeWecomBot,
  overrides: Partial<WSClientOptions> = {},
): Promise<WSClient> {
  const client = sdkClient(fake, overrides);
  const authenticated = nextEvent(client, 'authenticated');
  client.connect();
  await authenticated;
  return client;
}

type FirstArg<K extends keyof WSClientEventMap> = Parameters<WSClientEventMap[K]>[0];
/** eventemitter3's listener type for event K, which a generic function cannot otherwise name. */
type ListenerFor<K extends keyof WSClientEventMap> = Parameters<WSClient['on']>[1] & WSClientEventMap[K];

function nextEvent<K extends keyof WSClientEventMap>(client: WSClient, event: K): Promise<FirstArg<K>> {
  return new Promise((resolve) => {
    const listener = (arg?: unknown): void => resolve(arg as FirstArg<K>);
    client.once(event, listener as ListenerFor<K>);
  });
}

function collect<K extends keyof WSClientEventMap>(client: WSClient, event: K): Array<FirstArg<K>> {
  const seen: Array<FirstArg<K>> = [];
  const listener = (arg?: unknown): void => {
    seen.push(arg as FirstArg<K>);
  };
  client.on(event, listener as ListenerFor<K>);
  return seen;
}

/** A bare WebSocket, to see the exact ack frames the SDK hides. */
async function rawSocket(fake: FakeWecomBot): Promise<{ request: (frame: object) => Promise<unknown> }> {
  const socket = new WebSocket(fake.url);
  rawSockets.push(socket);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const request = (frame: object): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const closed = (): void => reject(new Error('the fake closed the socket instead of answering'));
      socket.once('close', closed);
      socket.once('message', (data) => {
        socket.off('close', closed);
        resolve(JSON.parse(String(data)));
      });
      socket.send(JSON.stringify(frame));
    });
  return { request };
}

const buttonCard = (taskId: string): TemplateCard => ({
  card_type: 'button_interaction',
  main_title: { title: '工单 WO-1 待确认' },
  button_list: [{ text: '确认', style: 1, key: 'confirm' }],
  task_id: taskId,
});

describe('authentication (aibot_subscribe)', () => {
  it('refuses a wrong secret with a non-zero ack and closes the connection', async () => {
    const fake = await givenFake();
    const client = sdkClient(fake, { secret: 'not-the-secret', maxAuthFailureAttempts: 0 });
    const errors = collect(client, 'error');
    client.connect();

    await vi.waitFor(() => expect(fake.connections()[0]?.open).toBe(false));
    expect(errors[0]?.message).toContain(`code: ${ERRCODE.invalidCredentials}`);
    expect(fake.refusals()).toMatchObject([{ cmd: 'aibot_subscribe', errcode: ERRCODE.invalidCredentials }]);
    expect(fake.connections()[0]).toMatchObject({ authenticated: false, subscribe: { bot_id: BOT.botId } });
    expect(fake.connections()[0]?.subscribe).not.toHaveProperty('secret');
    expect(fake.connectionCounts()).toEqual({ total: 1, open: 0, authenticated: 0 });
  });

  it('authenticates the right bot_id and secret', async () => {
    const fake = await givenFake();
    await connectedClient(fake);

    const connection = await fake.waitForConnection();
    expect(connection).toMatchObject({ id: 1, open: true, authenticated: true });
    expect(fake.frames()[0]?.frame).toMatchObject({
      cmd: 'aibot_subscribe',
      headers: { req_id: expect.stringMatching(/^aibot_subscribe/) },
      body: { bot_id: BOT.botId, secret: BOT.secret },
    });
  });

  it('refuses other commands before a successful subscribe', async () => {
    const fake = await givenFake();
    const socket = await rawSocket(fake);

    const ack = await socket.request({ cmd: 'ping', headers: { req_id: 'ping_1' } });
    expect(ack).toMatchObject({ headers: { req_id: 'ping_1' }, errcode: ERRCODE.notAuthenticated });
  });
});

describe('heartbeat (ping)', () => {
  it('acks a ping with its req_id, errcode 0 and no cmd', async () => {
    const fake = await givenFake();
    const socket = await rawSocket(fake);
    const subscribe = { bot_id: BOT.botId, secret: BOT.secret };
    await socket.request({
      cmd: 'aibot_subscribe',
      headers: { req_id: 'aibot_subscribe_1' },
      body: subscribe,
    });

    const ack = await socket.request({ cmd: 'ping', headers: { req_id: 'ping_2' } });
    expect(ack).toEqual({ headers: { req_id: 'ping_2' }, errcode: 0, errmsg: 'ok' });
  });

  it('keeps the SDK on one connection while it acks, and the SDK reconnects when acks stop', async () => {
    const fake = await givenFake();
    await connectedClient(fake, { heartbeatInterval: 20 });
    const pings = (): number => fake.frames().filter((f) => f.frame?.cmd === 'ping').length;

    await vi.waitFor(() => expect(pings()).toBeGreaterThanOrEqual(4));
    expect(fake.connectionCounts().total).toBe(1);

    fake.setPingAcks(false);
    await fake.waitForConnection({ nth: 2 });
    fake.setPingAcks(true);
    expect(fake.connections()[0]?.open).toBe(false);
  });
});

describe('downstream pushes', () => {
  it('delivers aibot_msg_callback to the SDK message handlers, with the @mention in group text', async () => {
    const fake = await givenFake();
    const client = await connectedClient(fake);
    const received = nextEvent(client, 'message.text');

    const reqId = fake.pushMessage({
      chattype: 'group',
      chatid: 'wrkLine3',
      userid: 'lisi',
      content: '3号线停机',
    });

    const frame = await received;
    expect(frame.headers.req_id).toBe(reqId);
    expect(frame.body).toEqual({
      msgid: expect.any(String),
      aibotid: BOT.botId,
      chatid: 'wrkLine3',
      chattype: 'group',
      from: { userid: 'lisi' },
      msgtype: 'text',
      text: { content: '@工单助手 3号线停机' },
    });
  });

  it('delivers aibot_event_callback to the SDK event handlers', async () => {
    const fake = await givenFake({ now: () => Date.UTC(2026, 0, 5, 1, 0, 0) });
    const client = await connectedClient(fake);
    const events = collect(client, 'event');

    fake.pushEvent({ eventtype: 'enter_chat', userid: 'wangwu' });
    fake.pushEvent({ eventtype: 'template_card_event', taskId: 'wo-1', eventKey: 'confirm' });
    fake.pushEvent({ eventtype: 'feedback_event', feedbackId: 'fb-1', feedbackType: 2 });

    await vi.waitFor(() => expect(events).toHaveLength(3));
    expect(events.map((f) => f.body?.event)).toEqual([
      { eventtype: 'enter_chat' },
      { eventtype: 'template_card_event', event_key: 'confirm', task_id: 'wo-1' },
      { eventtype: 'feedback_event', feedback_event: { id: 'fb-1', type: 2 } },
    ]);
    expect(events[0]?.body).toMatchObject({
      msgtype: 'event',
      chattype: 'single',
      create_time: Date.UTC(2026, 0, 5, 1, 0, 0) / 1000,
      from: { userid: 'wangwu' },
    });
  });

  it("serves a pushed image encrypted with the frame's own aeskey", async () => {
    const fake = await givenFake();
    const client = await connectedClient(fake);
    const received = nextEvent(client, 'message.image');
    const photo = Buffer.from('PNG-ish bytes of a broken fixture');

    fake.pushMessage({ msgtype: 'image', media: photo });

    const image = (await received).body?.image;
    expect(image?.url.startsWith(fake.mediaBaseUrl)).toBe(true);
    const { buffer } = await client.downloadFile(image?.url ?? '', image?.aeskey);
    expect(buffer.equals(photo)).toBe(true);
  });

  it('will not push what a group never delivers to a bot (§11.1)', async () => {
    const fake = await givenFake();
    await connectedClient(fake);

    expect(() => fake.pushMessage({ chattype: 'group', msgtype: 'image' })).toThrow(/group/);
  });
});

describe('replies on a pushed req_id', () => {
  it('records and acks aibot_respond_msg on the same req_id', async () => {
    const fake = await givenFake();
    const client = await connectedClient(fake);
    const received = nextEvent(client, 'message.text');
    const reqId = fake.pushMessage({ content: '报工 WO-1 20件' });

    const ack = await client.replyStream(await received, 'stream-1', '已记录 20 件', true);

    expect(ack).toMatchObject({ headers: { req_id: reqId }, errcode: 0 });
    const reply = await fake.waitForReply(reqId);
    expect(reply).toMatchObject({
      cmd: 'aibot_respond_msg',
      body: { msgtype: 'stream', stream: { id: 'stream-1', finish: true, content: '已记录 20 件' } },
      inbound: { kind: 'message' },
    });
  });

  it('accepts replies within respondTimeoutMs of the push and refuses later ones', async () => {
    const clock = new ManualClock();
    const fake = await givenFake({ now: () => clock.now().getTime() });
    const client = await connectedClient(fake);
    const frames = collect(client, 'message.text');
    fake.pushMessage();
    fake.pushMessage();
    await vi.waitFor(() => expect(frames).toHaveLength(2));
    const [inTime, late] = frames as [WsFrame, WsFrame];

    clock.advance(5000);
    await expect(client.replyStream(inTime, 's1', 'ok', true)).resolves.toMatchObject({ errcode: 0 });
    clock.advance(1);
    await expect(client.replyStream(late, 's2', 'late', true)).rejects.toMatchObject({
      errcode: ERRCODE.replyWindowExpired,
    });
    expect(fake.replies()).toHaveLength(1);
  });

  it('refuses req_ids it never pushed and replies of the wrong kind', async () => {
    const fake = await givenFake();
    const client = await connectedClient(fake);
    const messageReqId = fake.pushMessage();
    const enterReqId = fake.pushEvent({ eventtype: 'enter_chat' });
    const stream = { msgtype: 'stream', stream: { id: 's', content: 'x', finish: true } };

    await expect(client.reply({ headers: { req_id: 'never-pushed' } }, stream)).rejects.toMatchObject({
      errcode: ERRCODE.unknownReqId,
    });
    await expect(
      client.replyWelcome(
        { headers: { req_id: messageReqId } },
        { msgtype: 'text', text: { content: '欢迎' } },
      ),
    ).rejects.toMatchObject({ errcode: ERRCODE.wrongReplyKind });
    await expect(
      client.updateTemplateCard({ headers: { req_id: enterReqId } }, buttonCard('wo-9')),
    ).rejects.toMatchObject({ errcode: ERRCODE.wrongReplyKind });
    expect(fake.replies()).toEqual([]);
  });

  it('accepts a welcome on enter_chat and a card update carrying the clicked task_id', async () => {
    const fake = await givenFake();
    const client = await connectedClient(fake);
    const enterReqId = fake.pushEvent({ eventtype: 'enter_chat' });
    const clickReqId = fake.pushEvent({
      eventtype: 'template_card_event',
      taskId: 'wo-7',
      eventKey: 'confirm',
    });

    await client.replyWelcome(
      { headers: { req_id: enterReqId } },
      { msgtype: 'text', text: { content: '您好' } },
    );
    await expect(
      client.updateTemplateCard({ headers: { req_id: clickReqId } }, buttonCard('wo-8')),
    ).rejects.toMatchObject({ errcode: ERRCODE.invalidParameter });
    await client.updateTemplateCard({ headers: { req_id: clickReqId } }, buttonCard('wo-7'), ['zhangsan']);

    expect(fake.replies().map((r) => r.cmd)).toEqual([
      'aibot_respond_welcome_msg',
      'aibot_respond_update_msg',
    ]);
    expect(fake.cardUpdates()).toMatchObject([
      { reqId: clickReqId, body: { response_type: 'update_template_card', userids: ['zhangsan'] } },
    ]);
  });
});

describe('proactive sends (aibot_send_msg)', () => {
  it('records and acks a markdown send', async () => {
    const fake = await givenFake();
    const client = await connectedClient(fake);

    const ack = await client.sendMessage('zhangsan', {
      msgtype: 'markdown',
      markdown: { content: '**早报**' },
    });

    expect(ack).toMatchObject({ errcode: 0 });
    expect(fake.proactiveSends()).toMatchObject([
      {
        reqId: expect.stringMatching(/^aibot_send_msg/),
        chatid: 'zhangsan',
        msgtype: 'markdown',
        body: { markdown: { content: '**早报**' } },
      },
    ]);
  });

  it('limits markdown content to 20480 bytes of UTF-8', async () => {
    const fake = await givenFake();
    const client = await connectedClient(fake);
    const send = (content: string): Promise<WsFrame> =>
      client.sendMessage('wrkLine3', { msgtype: 'markdown', markdown: { content } });

    await expect(send('a'.repeat(20480))).resolves.toMatchObject({ errcode: 0 });
    await expect(send('工'.repeat(6827))).rejects.toMatchObject({ errcode: ERRCODE.contentTooLong });
    expect(fake.proactiveSends()).toHaveLength(1);
  });

  it('checks card_type and task_id, and never accepts a task_id twice', async () => {
    const fake = await givenFake();
    const client = await connectedClient(fake);
    const send = (card: TemplateCard): Promise<WsFrame> =>
      client.sendMessage('zhangsan', { msgtype: 'template_card', template_card: card });

    await expect(send({ ...buttonCard('wo-1'), card_type: 'poster' })).rejects.toMatchObject({
      errcode: ERRCODE.invalidParameter,
    });
    await expect(send(buttonCard('wo#1'))).rejects.toMatchObject({ errcode: ERRCODE.invalidParameter });
    await expect(send(buttonCard('w'.repeat(129)))).rejects.toMatchObject({
      errcode: ERRCODE.invalidParameter,
    });
    await expect(send(buttonCard('wo-1@line_3'))).resolves.toMatchObject({ errcode: 0 });
    await expect(send(buttonCard('wo-1@line_3'))).rejects.toMatchObject({ errcode: ERRCODE.duplicateTaskId });
    expect(fake.proactiveSends().map((s) => s.msgtype)).toEqual(['template_card']);
  });
});

describe('connection loss', () => {
  it('dropConnection() cuts the socket and the SDK reconnects and re-authenticates', async () => {
    const fake = await givenFake();
    const client = await connectedClient(fake);
    const reconnecting = collect(client, 'reconnecting');
    const texts = collect(client, 'message.text');

    expect(fake.dropConnection()).toBe(1);
    const second = await fake.waitForConnection({ nth: 2 });

    expect(second).toMatchObject({ open: true, authenticated: true });
    expect(reconnecting).toEqual([1]);
    const reqId = fake.pushMessage({ content: '重连后' });
    await vi.waitFor(() => expect(texts.map((f) => f.headers.req_id)).toEqual([reqId]));
    expect(fake.pushed().at(-1)?.connectionId).toBe(2);
    expect(fake.connectionCounts()).toEqual({ total: 2, open: 1, authenticated: 1 });
  });

  it('a newer connection pushes the older one out with disconnected_event, and the old SDK stays off', async () => {
    const fake = await givenFake();
    const older = await connectedClient(fake);
    const kicked = nextEvent(older, 'event.disconnected_event');
    const olderReconnects = collect(older, 'reconnecting');

    await connectedClient(fake);

    await kicked;
    await vi.waitFor(() => expect(fake.connectionCounts()).toEqual({ total: 2, open: 1, authenticated: 1 }));
    expect(olderReconnects).toEqual([]);
    expect(fake.pushed()).toMatchObject([{ kind: 'disconnected_event', connectionId: 1 }]);
  });
});

describe('duplicates', () => {
  it('delivers a duplicated frame every time it is pushed: de-duplication is the adapter’s job', async () => {
    const fake = await givenFake();
    const client = await connectedClient(fake);
    const texts = collect(client, 'message.text');

    const first = fake.pushMessage({ msgid: 'msg-dup-1', content: '报工 10件' });
    const second = fake.pushMessage({ msgid: 'msg-dup-1', content: '报工 10件' });
    fake.redeliver(first);

    await vi.waitFor(() => expect(texts).toHaveLength(3));
    expect(texts.map((f) => f.body?.msgid)).toEqual(['msg-dup-1', 'msg-dup-1', 'msg-dup-1']);
    expect(texts.map((f) => f.headers.req_id)).toEqual([first, second, first]);
    expect(fake.pushed().find((p) => p.reqId === first)?.deliveries).toBe(2);
  });
});
