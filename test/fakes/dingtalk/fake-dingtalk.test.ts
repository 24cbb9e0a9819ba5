import type { ClientRequest, IncomingMessage } from 'node:http';
import {
  EventAck,
  TOPIC_CARD,
  TOPIC_ROBOT,
  type DWClient,
  type DWClientDownStream,
  type EventAckData,
} from 'dingtalk-stream';
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../src/shared/clock.js';
import { createDwClientForFake } from './dwclient.js';
import { startFakeDingtalk, type FakeDingtalk, type FakeDingtalkOptions } from './server.js';

const APP = { clientId: 'dingappkey001', clientSecret: 'app-secret-001', robotCode: 'dingappkey001' };
const CREDENTIALS = { clientId: APP.clientId, clientSecret: APP.clientSecret };
const GROUP = 'cidAssemblyLine0001==';
const TEMPLATE = '5f2d6c1e-8a3b-4c7d-9e0f-123456789abc.schema';

const fakes: FakeDingtalk[] = [];
const clients: DWClient[] = [];

async function givenFake(overrides: Partial<FakeDingtalkOptions> = {}): Promise<FakeDingtalk> {
  const fake = await startFakeDingtalk({ ...APP, ...overrides });
  fakes.push(fake);
  return fake;
}

function givenSdkClient(fake: FakeDingtalk): DWClient {
  const client = createDwClientForFake(fake);
  clients.push(client);
  return client;
}

beforeEach(() => {
  // dingtalk-stream prints "connect success", "Disconnecting." and socket errors whatever its debug flag.
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  for (const fake of fakes.splice(0)) await fake.close();
  vi.restoreAllMocks();
});

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function call(
  url: string,
  init: { method?: string; body?: unknown; token?: string; form?: FormData } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (init.token !== undefined) headers['x-acs-dingtalk-access-token'] = init.token;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined && init.form === undefined ? 'GET' : 'POST'),
    headers,
    body: init.form ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function tokenFor(fake: FakeDingtalk): Promise<string> {
  const { body } = await call(`${fake.baseUrl}/v1.0/oauth2/accessToken`, {
    body: { appKey: APP.clientId, appSecret: APP.clientSecret },
  });
  return body.accessToken as string;
}

async function openTicket(fake: FakeDingtalk): Promise<{ endpoint: string; ticket: string }> {
  const { body } = await call(fake.gatewayUrl, {
    body: { ...CREDENTIALS, subscriptions: [{ type: 'EVENT', topic: '*' }], ua: 'test/1.0' },
  });
  return body as { endpoint: string; ticket: string };
}

/** Opens a raw WebSocket: 'open', or the HTTP status the upgrade was refused with. */
function tryConnect(url: string): Promise<{ outcome: 'open' | number; socket: WebSocket }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    socket.on('open', () => resolve({ outcome: 'open', socket }));
    socket.on('unexpected-response', (request: ClientRequest, response: IncomingMessage) => {
      request.destroy();
      resolve({ outcome: response.statusCode ?? 0, socket });
    });
    socket.on('error', () => undefined);
  });
}

function groupCard(
  outTrackId: string,
  cardParamMap: Record<string, unknown> = { title: 'WO-1', status: 'pending' },
) {
  return {
    cardTemplateId: TEMPLATE,
    outTrackId,
    callbackType: 'STREAM',
    cardData: { cardParamMap },
    openSpaceId: `dtv1.card//IM_GROUP.${GROUP}`,
    imGroupOpenSpaceModel: { supportForward: true },
    imGroupOpenDeliverModel: { robotCode: APP.robotCode, atUserIds: { user001: '张伟' } },
    userIdType: 1,
  };
}

function groupText(content: string) {
  return {
    robotCode: APP.robotCode,
    openConversationId: GROUP,
    msgKey: 'sampleText',
    msgParam: JSON.stringify({ content }),
  };
}

/** A robot message needs a subscribed connection to travel on; a bare WebSocket is enough here. */
async function pushToBareSocket(fake: FakeDingtalk) {
  const { body } = await call(fake.gatewayUrl, {
    body: { ...CREDENTIALS, subscriptions: [{ type: 'CALLBACK', topic: TOPIC_ROBOT }] },
  });
  const { outcome } = await tryConnect(`${body.endpoint as string}?ticket=${body.ticket as string}`);
  expect(outcome).toBe('open');
  return fake.pushRobotMessage();
}

describe('Stream registration and tickets (§2.1, §2.2)', () => {
  it('gives a ws endpoint and a ticket for the right credentials and refuses wrong ones', async () => {
    const fake = await givenFake();
    const { endpoint, ticket } = await openTicket(fake);
    expect(endpoint).toBe(`${fake.baseUrl.replace('http', 'ws')}/connect`);
    expect(ticket).toMatch(/^[0-9a-f]{32}$/);

    const wrong = await call(fake.gatewayUrl, {
      body: { clientId: APP.clientId, clientSecret: 'nope', subscriptions: [{ type: 'EVENT', topic: '*' }] },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('invalidClientIdOrSecret');

    const perEvent = await call(fake.gatewayUrl, {
      body: { ...CREDENTIALS, subscriptions: [{ type: 'EVENT', topic: 'user_add_org' }] },
    });
    expect(perEvent.status).toBe(400);
  });

  it('answers XML when the caller does not ask for JSON, as the SDK warns', async () => {
    const fake = await givenFake();
    const response = await fetch(fake.gatewayUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...CREDENTIALS, subscriptions: [{ type: 'EVENT', topic: '*' }] }),
    });
    expect(response.headers.get('content-type')).toMatch(/xml/);
    expect(await response.text()).toMatch(/<ticket>[0-9a-f]{32}<\/ticket>/);
  });

  it('lets a ticket open one connection only, and only within 90 s', async () => {
    const clock = new ManualClock();
    const fake = await givenFake({ now: () => clock.now().getTime() });
    const first = await openTicket(fake);
    const opened = await tryConnect(`${first.endpoint}?ticket=${first.ticket}`);
    expect(opened.outcome).toBe('open');
    opened.socket.close();
    expect((await tryConnect(`${first.endpoint}?ticket=${first.ticket}`)).outcome).toBe(401);
    expect((await tryConnect(`${first.endpoint}?ticket=made-up`)).outcome).toBe(401);

    const late = await openTicket(fake);
    clock.advance(90_000);
    expect((await tryConnect(`${late.endpoint}?ticket=${late.ticket}`)).outcome).toBe(401);
    expect(fake.rejectedConnections().map((r) => r.reason)).toEqual(['used', 'unknown', 'expired']);
    expect(fake.connections()).toHaveLength(1);
  });
});

describe('routing pushes between connections (§2.2, §2.4)', () => {
  it('pushes only to subscribed connections and spares one told to disconnect while a fresh one is there', async () => {
    const fake = await givenFake();
    const eventsOnly = await openTicket(fake);
    await tryConnect(`${eventsOnly.endpoint}?ticket=${eventsOnly.ticket}`);
    expect(() => fake.pushRobotMessage()).toThrow(/no open Stream connection subscribed/);

    await pushToBareSocket(fake);
    await pushToBareSocket(fake);
    const [, older, newer] = fake.connections();
    fake.sendSystemDisconnect('rebalance', { connectionId: newer?.id });
    const targets = Array.from({ length: 5 }, () => fake.pushRobotMessage().connectionId);
    expect(new Set(targets)).toEqual(new Set([older?.id]));
    expect(fake.pushRobotMessage({}, { connectionId: newer?.id }).connectionId).toBe(newer?.id);
  });
});

describe('the real dingtalk-stream 2.1.5 client against the fake', () => {
  it('given a connected SDK, when a worker @-mentions the bot in a group, then the SDK gets the §4.1 payload, ACKs it and replies through the session webhook', async () => {
    const fake = await givenFake();
    const client = givenSdkClient(fake);
    const received: DWClientDownStream[] = [];
    client.registerCallbackListener(TOPIC_ROBOT, (frame) => {
      received.push(frame);
      client.socketCallBackResponse(frame.headers.messageId, null);
    });
    await client.connect();
    const connection = await fake.waitForConnection();
    expect(connection.subscriptions).toContainEqual({ type: 'CALLBACK', topic: TOPIC_ROBOT });

    const pushed = fake.pushRobotMessage({ conversationType: '2', text: { content: ' 报工 WO-1 100' } });
    const ack = await fake.waitForAck(pushed.messageId);
    expect(ack).toMatchObject({
      code: 200,
      message: 'OK',
      data: { response: null },
      connectionId: connection.id,
    });

    const [frame] = received;
    expect(frame).toMatchObject({
      specVersion: '1.0',
      type: 'CALLBACK',
      headers: {
        topic: TOPIC_ROBOT,
        messageId: pushed.messageId,
        contentType: 'application/json',
        appId: fake.options.appId,
        connectionId: connection.id,
      },
    });
    expect(typeof frame?.data).toBe('string');
    const message = JSON.parse(frame?.data ?? '{}') as Record<string, unknown>;
    expect(message).toMatchObject({
      conversationType: '2',
      conversationId: expect.stringMatching(/^cid/) as unknown,
      isInAtList: true,
      msgtype: 'text',
      text: { content: ' 报工 WO-1 100' },
      senderStaffId: 'user001',
      robotCode: APP.robotCode,
    });
    expect(message.sessionWebhookExpiredTime).toBe((message.createAt as number) + 90 * 60_000);

    const reply = await call(message.sessionWebhook as string, {
      body: { msgtype: 'text', text: { content: '已记录' }, at: { atUserIds: ['user001'] } },
    });
    expect(reply.body).toEqual({ errcode: 0, errmsg: 'ok' });
    expect(fake.sessionWebhookMessages()).toMatchObject([
      { conversationId: message.conversationId, body: { text: { content: '已记录' } } },
    ]);
  });

  it('refuses to deliver a group message that does not @ the bot (§4.1)', async () => {
    const fake = await givenFake();
    expect(() => fake.pushRobotMessage({ conversationType: '2', isInAtList: false })).toThrow(/@-ed/);
  });

  it('redelivers the same messageId so duplicate handling can be tested (§2.5)', async () => {
    const fake = await givenFake();
    const client = givenSdkClient(fake);
    const seen: Array<{ messageId: string; msgId: unknown }> = [];
    client.registerCallbackListener(TOPIC_ROBOT, (frame) => {
      seen.push({
        messageId: frame.headers.messageId,
        msgId: (JSON.parse(frame.data) as { msgId: unknown }).msgId,
      });
      client.socketCallBackResponse(frame.headers.messageId, null);
    });
    await client.connect();
    await fake.waitForConnection();

    const pushed = fake.pushRobotMessage();
    const again = fake.redeliver(pushed.messageId);
    await vi.waitFor(() => expect(fake.acks()).toHaveLength(2));
    expect(again.delivery).toBe(2);
    expect(seen).toEqual([
      { messageId: pushed.messageId, msgId: pushed.payload.msgId },
      { messageId: pushed.messageId, msgId: pushed.payload.msgId },
    ]);
  });

  it('answers pings; on SYSTEM disconnect the SDK stays silent, the fake cuts it off after the delay and the SDK comes back with a new ticket', async () => {
    const fake = await givenFake({ disconnectCloseDelayMs: 300 });
    const client = givenSdkClient(fake);
    await client.connect();
    const first = await fake.waitForConnection();

    const ping = fake.sendPing();
    const pong = await fake.waitForAck(ping.messageId);
    expect(pong.code).toBe(200);
    expect(pong.data).toEqual(JSON.parse(ping.frame.data));

    const sentAt = Date.now();
    const disconnect = fake.sendSystemDisconnect('rebalance');
    expect(JSON.parse(disconnect.frame.data)).toEqual({ reason: 'rebalance' });
    expect(fake.connections()[0]?.state).toBe('draining');
    const closed = await fake.waitForClose(first.id);
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(290);
    expect(closed.closedBy).toBe('server');
    expect(fake.acks().filter((a) => a.messageId === disconnect.messageId)).toEqual([]);

    // 2.1.5 reconnects 1 s after the close (§3.2), through our getEndpoint: a fresh ticket.
    const second = await fake.waitForConnection(2, 5000);
    expect(second.ticket).not.toBe(first.ticket);
    expect(second.state).toBe('open');
  });

  it('when the network drops the socket, the SDK reconnects on its own', async () => {
    const fake = await givenFake();
    const client = givenSdkClient(fake);
    await client.connect();
    const first = await fake.waitForConnection();
    fake.dropConnection();
    expect((await fake.waitForClose(first.id)).closedBy).toBe('server');
    expect((await fake.waitForConnection(2)).state).toBe('open');
  });

  it('settles an event ACKed with SUCCESS and redelivers one ACKed by an async handler, the 2.1.5 quirk (§3.2)', async () => {
    const fake = await givenFake({ eventRedeliveryDelayMs: 100, eventMaxRedeliveries: 1 });
    const client = givenSdkClient(fake);
    const seen: string[] = [];
    client.registerAllEventListener((frame) => {
      seen.push(frame.headers.messageId);
      return { status: EventAck.SUCCESS };
    });
    await client.connect();
    await fake.waitForConnection();

    const settled = fake.pushEvent({ eventType: 'user_add_org', data: { userId: ['user009'] } });
    expect((await fake.waitForAck(settled.messageId)).data).toEqual({ status: 'SUCCESS' });
    expect(settled.frame.headers).toMatchObject({
      eventType: 'user_add_org',
      eventCorpId: fake.options.corpId,
    });

    const asyncHandler = async (frame: DWClientDownStream): Promise<EventAckData> => {
      seen.push(frame.headers.messageId);
      return { status: EventAck.SUCCESS };
    };
    client.registerAllEventListener(asyncHandler as unknown as (frame: DWClientDownStream) => EventAckData);
    const unsettled = fake.pushEvent({ eventType: 'user_leave_org', data: { userId: ['user009'] } });
    await vi.waitFor(() => expect(seen.filter((id) => id === unsettled.messageId)).toHaveLength(2));
    expect(fake.acks().find((a) => a.messageId === unsettled.messageId)?.data).toEqual({});
    expect(seen.filter((id) => id === settled.messageId)).toHaveLength(1);
  });

  it('given a card in the group, when a worker taps a button, then the SDK answer updates the card (§4.2)', async () => {
    const fake = await givenFake();
    const token = await tokenFor(fake);
    await call(`${fake.baseUrl}/v1.0/card/instances/createAndDeliver`, { token, body: groupCard('wo-1') });
    const client = givenSdkClient(fake);
    const taps: unknown[] = [];
    client.registerCallbackListener(TOPIC_CARD, (frame) => {
      const callback = JSON.parse(frame.data) as { content: string };
      taps.push((JSON.parse(callback.content) as { cardPrivateData: unknown }).cardPrivateData);
      client.socketCallBackResponse(frame.headers.messageId, {
        cardUpdateOptions: { updateCardDataByKey: true, updatePrivateDataByKey: true },
        cardData: { cardParamMap: { status: 'agree' } },
        userPrivateData: { cardParamMap: { myChoice: 'agree' } },
      });
    });
    await client.connect();
    await fake.waitForConnection();

    const pushed = fake.pushCardCallback({
      outTrackId: 'wo-1',
      userId: 'user002',
      actionIds: ['agree'],
      params: { action: 'agree' },
    });
    await fake.waitForAck(pushed.messageId);
    expect(pushed.payload).toMatchObject({
      type: 'actionCallback',
      spaceType: 'IM_GROUP',
      spaceId: GROUP,
      userIdType: 1,
    });
    expect(pushed.payload.value).toBe(pushed.payload.content);
    expect(taps).toEqual([{ actionIds: ['agree'], params: { action: 'agree' } }]);
    expect(fake.card('wo-1')).toMatchObject({
      cardParamMap: { title: 'WO-1', status: 'agree' },
      privateData: { user002: { myChoice: 'agree' } },
    });
  });

  it('serves getAccessToken through the helper (§3.3)', async () => {
    const fake = await givenFake();
    const client = givenSdkClient(fake);
    expect(await client.getAccessToken()).toBe(await tokenFor(fake));
  });
});

describe('access tokens (§5.1)', () => {
  it('gives the same token on both hosts, and it works on both', async () => {
    const fake = await givenFake();
    const fresh = await call(`${fake.baseUrl}/v1.0/oauth2/accessToken`, {
      body: { appKey: APP.clientId, appSecret: APP.clientSecret },
    });
    expect(fresh.body).toEqual({ accessToken: expect.any(String) as unknown, expireIn: 7200 });
    const old = await call(`${fake.baseUrl}/gettoken?appkey=${APP.clientId}&appsecret=${APP.clientSecret}`);
    expect(old.body).toMatchObject({ errcode: 0, access_token: fresh.body.accessToken, expires_in: 7200 });

    const sent = await call(`${fake.baseUrl}/v1.0/robot/groupMessages/send`, {
      token: old.body.access_token as string,
      body: groupText('早班开工'),
    });
    expect(sent.status).toBe(200);
    expect(fake.tokenCalls().map((c) => [c.api, c.granted])).toEqual([
      ['oauth2', true],
      ['gettoken', true],
    ]);
    expect(fake.requests().at(-1)?.headers.accessToken).toBe(fresh.body.accessToken);
  });

  it('refuses wrong credentials in the style of each host', async () => {
    const fake = await givenFake();
    const fresh = await call(`${fake.baseUrl}/v1.0/oauth2/accessToken`, {
      body: { appKey: APP.clientId, appSecret: 'x' },
    });
    expect(fresh.status).toBe(400);
    const old = await call(`${fake.baseUrl}/gettoken?appkey=${APP.clientId}&appsecret=x`);
    expect(old.body.errcode).toBe(40089);
    expect(fake.tokenCalls().map((c) => c.granted)).toEqual([false, false]);
  });

  it('lets a token expire by the clock and on demand: 401 InvalidAuthentication on the new API, 40014 on the old', async () => {
    const clock = new ManualClock();
    const fake = await givenFake({ now: () => clock.now().getTime(), tokenTtlSeconds: 7200 });
    const token = await tokenFor(fake);
    const send = (t: string | undefined) =>
      call(`${fake.baseUrl}/v1.0/robot/groupMessages/send`, { token: t, body: groupText('hi') });

    expect((await send(undefined)).status).toBe(401);
    clock.advance(7_199_000);
    expect((await send(token)).status).toBe(200);
    clock.advance(1000);
    const expired = await send(token);
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('InvalidAuthentication');

    const renewed = await tokenFor(fake);
    expect(renewed).not.toBe(token);
    const form = new FormData();
    form.set('type', 'image');
    form.set('media', new Blob([Buffer.from('png-bytes')]), 'defect.png');
    const uploaded = await call(`${fake.baseUrl}/media/upload?access_token=${renewed}`, { form });
    expect(uploaded.body).toMatchObject({
      errcode: 0,
      type: 'image',
      media_id: expect.stringMatching(/^@/) as unknown,
    });
    expect(fake.mediaUploads()).toMatchObject([{ type: 'image', fileName: 'defect.png', size: 9 }]);

    fake.expireAllTokens();
    const refused = await call(`${fake.baseUrl}/media/upload?access_token=${renewed}`, { form });
    expect(refused.body.errcode).toBe(40014);
    expect((await send(renewed)).status).toBe(401);
  });
});

describe('robot messages (§5.2)', () => {
  it('records a valid group message with its msgParam parsed', async () => {
    const fake = await givenFake();
    const token = await tokenFor(fake);
    const markdown = { title: '日报', text: '### 今日产量\n- WO-1: 100' };
    const sent = await call(`${fake.baseUrl}/v1.0/robot/groupMessages/send`, {
      token,
      body: {
        robotCode: APP.robotCode,
        openConversationId: GROUP,
        msgKey: 'sampleMarkdown',
        msgParam: JSON.stringify(markdown),
      },
    });
    expect(sent.body).toEqual({ processQueryKey: expect.any(String) as unknown });
    expect(fake.groupMessages()).toMatchObject([
      { openConversationId: GROUP, msgKey: 'sampleMarkdown', msgParam: markdown },
    ]);
  });

  it('refuses what the platform refuses and records none of it', async () => {
    const fake = await givenFake();
    const token = await tokenFor(fake);
    const valid = groupText('hi');
    const invalid = [
      { ...valid, msgKey: 'sampleInteractiveCard' },
      { ...valid, msgParam: { content: 'hi' } },
      { ...valid, msgParam: JSON.stringify({ text: 'hi' }) },
      { ...valid, msgParam: JSON.stringify({ content: '产'.repeat(5001) }) }, // 15,003+ bytes in UTF-8
      {
        ...valid,
        msgKey: 'sampleActionCard3',
        msgParam: JSON.stringify({ title: 't', text: 't', actionTitle1: 'a', actionURL1: 'u' }),
      },
      { ...valid, openConversationId: 'user001' },
      { ...valid, robotCode: 'someone-else' },
    ];
    for (const body of invalid) {
      const answer = await call(`${fake.baseUrl}/v1.0/robot/groupMessages/send`, { token, body });
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect(fake.groupMessages()).toEqual([]);
  });

  it('sends 1:1 to at most 20 users, reports unknown staff and flow-controlled recipients', async () => {
    const fake = await givenFake({ staffIds: ['user001', 'user002', 'user003'] });
    const token = await tokenFor(fake);
    const batch = (userIds: string[]) =>
      call(`${fake.baseUrl}/v1.0/robot/oToMessages/batchSend`, {
        token,
        body: {
          robotCode: APP.robotCode,
          userIds,
          msgKey: 'sampleText',
          msgParam: JSON.stringify({ content: '请报工' }),
        },
      });

    expect((await batch(Array.from({ length: 21 }, (_, i) => `user${i}`))).status).toBe(400);
    const mixed = await batch(['user001', 'ghost']);
    expect(mixed.body).toMatchObject({ invalidStaffIdList: ['ghost'], flowControlledStaffIdList: [] });

    fake.failNext('/v1.0/robot/oToMessages/batchSend', 'flowControl');
    const throttled = await batch(['user002', 'user003']);
    expect(throttled.status).toBe(200);
    expect(throttled.body.flowControlledStaffIdList).toEqual(['user002', 'user003']);
    expect(fake.oneToOneMessages().map((m) => m.deliveredTo)).toEqual([['user001'], []]);
  });
});

describe('session webhook (§5.3)', () => {
  it('works until sessionWebhookExpiredTime, then answers an error errcode', async () => {
    const clock = new ManualClock();
    const fake = await givenFake({ now: () => clock.now().getTime() });
    const { payload } = await pushToBareSocket(fake);
    const reply = () =>
      call(payload.sessionWebhook, { body: { msgtype: 'markdown', markdown: { title: 't', text: 'x' } } });
    clock.advance(90 * 60_000 - 1);
    expect((await reply()).body.errcode).toBe(0);
    clock.advance(1);
    expect((await reply()).body.errcode).toBe(300001);
    expect(
      (
        await call(`${fake.baseUrl}/robot/sendBySession?session=unknown`, {
          body: { msgtype: 'text', text: { content: 'x' } },
        })
      ).body.errcode,
    ).toBe(300001);
  });

  it('throttles at 20 a minute per conversation and refuses interactive cards', async () => {
    const clock = new ManualClock();
    const fake = await givenFake({ now: () => clock.now().getTime() });
    const { payload } = await pushToBareSocket(fake);
    const text = { msgtype: 'text', text: { content: '收到' } };
    for (let i = 0; i < 20; i += 1)
      expect((await call(payload.sessionWebhook, { body: text })).body.errcode).toBe(0);
    expect((await call(payload.sessionWebhook, { body: text })).body.errcode).toBe(130101);
    clock.advance(60_000);
    expect((await call(payload.sessionWebhook, { body: text })).body.errcode).toBe(0);
    expect((await call(payload.sessionWebhook, { body: { msgtype: 'interactiveCard' } })).body.errcode).toBe(
      40035,
    );
  });
});

describe('interactive cards (§5.4)', () => {
  it('creates and delivers to a group and to a 1:1 chat, and keeps the state PUT updates change', async () => {
    const fake = await givenFake();
    const token = await tokenFor(fake);
    const create = (body: unknown) =>
      call(`${fake.baseUrl}/v1.0/card/instances/createAndDeliver`, { token, body });
    const update = (body: unknown) =>
      call(`${fake.baseUrl}/v1.0/card/instances`, { method: 'PUT', token, body });

    const created = await create(groupCard('wo-1', { title: 'WO-1', status: 'pending', qty: '100' }));
    expect(created.body).toMatchObject({ success: true, result: { outTrackId: 'wo-1' } });
    const oneToOne = await create({
      ...groupCard('wo-2'),
      openSpaceId: 'dtv1.card//IM_ROBOT.user001',
      imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT' },
    });
    expect(oneToOne.status).toBe(200);
    expect(fake.card('wo-2')).toMatchObject({ spaceType: 'IM_ROBOT', spaceId: 'user001' });

    await update({
      outTrackId: 'wo-1',
      cardData: { cardParamMap: { status: 'done' } },
      cardUpdateOptions: { updateCardDataByKey: true },
    });
    expect(fake.card('wo-1')?.cardParamMap).toEqual({ title: 'WO-1', status: 'done', qty: '100' });
    await update({ outTrackId: 'wo-1', cardData: { cardParamMap: { status: 'closed' } } });
    expect(fake.card('wo-1')?.cardParamMap).toEqual({ status: 'closed' });
    expect(fake.card('wo-1')?.updates.map((u) => u.source)).toEqual(['api', 'api']);
    expect((await update({ outTrackId: 'nobody', cardData: { cardParamMap: {} } })).status).toBe(400);
  });

  it('refuses non-string card values, bad spaces, missing deliver models and reused outTrackIds', async () => {
    const fake = await givenFake();
    const token = await tokenFor(fake);
    const create = (body: unknown) =>
      call(`${fake.baseUrl}/v1.0/card/instances/createAndDeliver`, { token, body });

    const numbers = await create(groupCard('wo-1', { title: 'WO-1', qty: 100, lines: ['a'] }));
    expect(numbers.status).toBe(400);
    expect(numbers.body.message).toMatch(/qty, lines/);
    expect((await create({ ...groupCard('wo-1'), openSpaceId: `dtv1.card//IM_GROUP:${GROUP}` })).status).toBe(
      400,
    );
    expect((await create({ ...groupCard('wo-1'), openSpaceId: 'dtv1.card//IM_ROBOT.user001' })).status).toBe(
      400,
    );
    expect((await create({ ...groupCard('wo-1'), imGroupOpenDeliverModel: undefined })).status).toBe(400);
    expect((await create({ ...groupCard('wo-1'), cardTemplateId: 'approval' })).status).toBe(400);
    expect((await create(groupCard('wo-1'))).status).toBe(200);
    expect((await create(groupCard('wo-1'))).status).toBe(400);
    expect(fake.cards()).toHaveLength(1);
  });
});

describe('throttling and injected failures (§6)', () => {
  it('refuses the 21st call to one API within a second, but not other APIs, and recovers a second later', async () => {
    const clock = new ManualClock();
    const fake = await givenFake({ now: () => clock.now().getTime() });
    const token = await tokenFor(fake);
    const send = () =>
      call(`${fake.baseUrl}/v1.0/robot/groupMessages/send`, { token, body: groupText('hi') });
    for (let i = 0; i < 20; i += 1) expect((await send()).status).toBe(200);
    const refused = await send();
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('Forbidden.AccessDenied.QpsLimitForAppkeyAndApi');
    expect(
      (await call(`${fake.baseUrl}/v1.0/card/instances/createAndDeliver`, { token, body: groupCard('c') }))
        .status,
    ).toBe(200);
    clock.advance(1000);
    expect((await send()).status).toBe(200);
  });

  it('stops metered calls at the monthly quota, never token calls, and starts afresh next month', async () => {
    const clock = new ManualClock('2026-01-31T15:00:00Z'); // 23:00 on 31 Jan in China
    const fake = await givenFake({ now: () => clock.now().getTime(), monthlyQuota: 2 });
    const token = await tokenFor(fake);
    const send = () =>
      call(`${fake.baseUrl}/v1.0/robot/groupMessages/send`, { token, body: groupText('hi') });
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    const refused = await send();
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('Forbidden.AccessDenied.ApiCountLimitForOrg');
    expect(await tokenFor(fake)).toBe(token);
    expect(fake.apiCallsThisMonth()).toBe(2);
    clock.advance(3_600_000); // midnight in China: February
    expect((await send()).status).toBe(200);
  });

  it('serves queued failures in order, then behaves again', async () => {
    const fake = await givenFake();
    const token = await tokenFor(fake);
    const path = '/v1.0/robot/groupMessages/send';
    fake.failNext(path, 'invalidToken');
    fake.failNext(path, 'qps');
    fake.failNext(path, 'serverError');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1)
      statuses.push((await call(`${fake.baseUrl}${path}`, { token, body: groupText('x') })).status);
    expect(statuses).toEqual([401, 403, 500, 200]);
    expect(
      fake
        .requests()
        .filter((r) => r.path === path)
        .map((r) => r.status),
    ).toEqual(statuses);
    expect(() => fake.failNext('/v1.0/nothing', 'qps')).toThrow(/no API/);
    expect(() => fake.failNext(path, 'flowControl')).toThrow(/flow-control/);
  });
});

describe('shutdown', () => {
  it('close() ends open sockets and stops listening', async () => {
    const fake = await startFakeDingtalk(APP);
    const { endpoint, ticket } = await openTicket(fake);
    const { socket } = await tryConnect(`${endpoint}?ticket=${ticket}`);
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    await fake.close();
    await closed;
    await expect(fetch(fake.gatewayUrl)).rejects.toThrow();
  });
});
