/**
 * A fake DingTalk platform on loopback for tests: one HTTP server serving the paths of both
 * hosts (api.dingtalk.com and oapi.dingtalk.com) and the Stream WebSocket. Behaviour follows
 * /work/shared/protocols/dingtalk.md; section numbers (§) in comments point there.
 *
 * Point DINGTALK_API_BASE and DINGTALK_OAPI_BASE at `fake.baseUrl`; point a DWClient at it
 * with `pointDwClientAtFake` (./dwclient.ts).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiGate } from './api-gate.js';
import { CardApi } from './card-api.js';
import {
  headerValue,
  isRecord,
  recordedError,
  parseJsonBody,
  readBody,
  writeReply,
  type ApiReply,
} from './http-kit.js';
import { MediaApi } from './media-api.js';
import { buildCardCallback, buildRobotMessage } from './payloads.js';
import { RobotApi } from './robot-api.js';
import { buildRoutes, GATEWAY_PATH, NEW_TOKEN_PATH, OLD_TOKEN_PATH, SESSION_WEBHOOK_PATH } from './routes.js';
import { TOPIC_CARD_CALLBACK, TOPIC_ROBOT_MESSAGE } from './stream-frames.js';
import { StreamGateway } from './stream-gateway.js';
import { TokenStore } from './tokens.js';
import type {
  AckRecord,
  CardCallbackInput,
  CardCallbackPayload,
  CardRecord,
  ConnectionInfo,
  EventInput,
  FailureKind,
  FakeDingtalkOptions,
  GroupMessageRecord,
  MediaUploadRecord,
  OneToOneMessageRecord,
  PushedFrame,
  PushOptions,
  PushTarget,
  RejectedConnection,
  RequestRecord,
  ResolvedOptions,
  RobotMessagePayload,
  SessionWebhookMessageRecord,
  TokenCallRecord,
} from './types.js';

export type * from './types.js';
export { TOPIC_CARD_CALLBACK, TOPIC_ROBOT_MESSAGE } from './stream-frames.js';

const DEFAULT_WAIT_MS = 5000;

export type PushedRobotMessage = PushedFrame & { payload: RobotMessagePayload };
export type PushedCardCallback = PushedFrame & { payload: CardCallbackPayload };

export interface FakeDingtalk {
  /** `http://127.0.0.1:<port>`: serves both the api and the oapi paths. */
  readonly baseUrl: string;
  /** `${baseUrl}/v1.0/gateway/connections/open` (§2.1). */
  readonly gatewayUrl: string;
  readonly options: ResolvedOptions;

  // Stream (§2)
  /** A §4.1 robot message with a live session webhook; defaults to a 1:1 text from user001. */
  pushRobotMessage(partial?: Partial<RobotMessagePayload>, options?: PushOptions): PushedRobotMessage;
  pushCardCallback(input: CardCallbackInput, options?: PushOptions): PushedCardCallback;
  pushEvent(input: EventInput, options?: PushOptions): PushedFrame;
  redeliver(messageId: string, target?: PushTarget): PushedFrame;
  sendPing(target?: PushTarget): PushedFrame;
  /** Sends SYSTEM disconnect, then closes the socket after `disconnectCloseDelayMs`. */
  sendSystemDisconnect(reason?: string, target?: PushTarget): PushedFrame;
  dropConnection(target?: PushTarget): ConnectionInfo;
  connections(): ConnectionInfo[];
  rejectedConnections(): RejectedConnection[];
  pushes(): PushedFrame[];
  acks(): AckRecord[];
  /** The nth connection ever opened (1-based, default 1). */
  waitForConnection(nth?: number, timeoutMs?: number): Promise<ConnectionInfo>;
  waitForClose(connectionId: string, timeoutMs?: number): Promise<ConnectionInfo>;
  waitForAck(messageId: string, timeoutMs?: number): Promise<AckRecord>;

  // Tokens (§5.1)
  tokenCalls(): TokenCallRecord[];
  expireAllTokens(): void;

  // Throttling and failures (§6)
  failNext(path: string, kind: FailureKind, times?: number): void;
  apiCallsThisMonth(): number;

  // Recordings
  requests(): RequestRecord[];
  groupMessages(): GroupMessageRecord[];
  oneToOneMessages(): OneToOneMessageRecord[];
  sessionWebhookMessages(): SessionWebhookMessageRecord[];
  cards(): CardRecord[];
  card(outTrackId: string): CardRecord | undefined;
  mediaUploads(): MediaUploadRecord[];
  /** A picture a person sends the robot: its `downloadCode`. */
  receivePicture(bytes: Buffer): string;

  close(): Promise<void>;
}

function resolveOptions(options: FakeDingtalkOptions): ResolvedOptions {
  return {
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    robotCode: options.robotCode,
    tokenTtlSeconds: options.tokenTtlSeconds ?? 7200,
    now: options.now ?? Date.now,
    qpsLimit: options.qpsLimit ?? 20,
    monthlyQuota: options.monthlyQuota,
    disconnectCloseDelayMs: options.disconnectCloseDelayMs ?? 10_000,
    sessionWebhookTtlMs: options.sessionWebhookTtlMs ?? 90 * 60_000,
    sessionWebhookPerMinute: options.sessionWebhookPerMinute ?? 20,
    staffIds: options.staffIds,
    corpId: options.corpId ?? `ding${randomBytes(8).toString('hex')}`,
    appId: options.appId ?? randomUUID(),
    eventRedeliveryDelayMs: options.eventRedeliveryDelayMs ?? 60_000,
    eventMaxRedeliveries: options.eventMaxRedeliveries ?? 3,
  };
}

export async function startFakeDingtalk(options: FakeDingtalkOptions): Promise<FakeDingtalk> {
  const resolved = resolveOptions(options);
  const { now } = resolved;
  let baseUrl = '';
  const tokens = new TokenStore(resolved.tokenTtlSeconds, now);
  const cards = new CardApi(resolved.robotCode, now);
  const media = new MediaApi(now, resolved.robotCode);
  const robot = new RobotApi({
    robotCode: resolved.robotCode,
    staffIds: resolved.staffIds,
    now,
    sessionWebhookPerMinute: resolved.sessionWebhookPerMinute,
    sessionWebhookUrl: (session) => `${baseUrl}${SESSION_WEBHOOK_PATH}?session=${session}`,
  });
  const stream = new StreamGateway({
    appId: resolved.appId,
    now,
    disconnectCloseDelayMs: resolved.disconnectCloseDelayMs,
    eventRedeliveryDelayMs: resolved.eventRedeliveryDelayMs,
    eventMaxRedeliveries: resolved.eventMaxRedeliveries,
    onAck: (ack, push) =>
      push?.topic === TOPIC_CARD_CALLBACK ? applyCardAnswer(cards, push, ack) : undefined,
  });
  const routes = buildRoutes({
    options: resolved,
    tokens,
    stream,
    robot,
    cards,
    media,
    streamEndpoint: () => `${baseUrl.replace(/^http/, 'ws')}/connect`,
  });
  const gate = new ApiGate(routes, {
    tokens,
    now,
    qpsLimit: resolved.qpsLimit,
    monthlyQuota: resolved.monthlyQuota,
  });
  const requestLog: RequestRecord[] = [];

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', baseUrl);
      const body = parseJsonBody(await readBody(req), headerValue(req.headers, 'content-type'));
      const route = routes.find((r) => r.method === req.method && r.path === url.pathname);
      const reply: ApiReply =
        route === undefined
          ? recordedError('new', 'notFound', `${req.method ?? ''} ${url.pathname} is not served by the fake`)
          : gate.pass(route, url.searchParams, req.headers, body);
      requestLog.push(requestRecord(req, url, body, reply, now()));
      writeReply(res, reply);
    } catch (error) {
      // The fake itself broke: no platform answer to record, so the test sees the error as is.
      writeReply(res, { status: 500, body: { code: 'FakeDingtalkFailure', message: String(error) } });
    }
  }

  const server = createServer((req, res) => void serve(req, res));
  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) =>
    stream.handleUpgrade(req, socket, head),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  media.baseUrl = baseUrl;

  const robotMessageContext = {
    robotCode: resolved.robotCode,
    corpId: resolved.corpId,
    now,
    sessionWebhookTtlMs: resolved.sessionWebhookTtlMs,
    openSession: (conversationId: string, expiresAt: number) => robot.openSession(conversationId, expiresAt),
  };

  return {
    baseUrl,
    gatewayUrl: `${baseUrl}${GATEWAY_PATH}`,
    options: resolved,

    pushRobotMessage(partial = {}, pushOptions = {}) {
      const payload = buildRobotMessage(robotMessageContext, partial);
      return { ...stream.push('CALLBACK', TOPIC_ROBOT_MESSAGE, payload, pushOptions), payload };
    },
    pushCardCallback(input, pushOptions = {}) {
      const payload = buildCardCallback(resolved.corpId, cards.get(input.outTrackId), input);
      return { ...stream.push('CALLBACK', TOPIC_CARD_CALLBACK, payload, pushOptions), payload };
    },
    pushEvent(input, pushOptions = {}) {
      // §2.3 event headers; the topic of an EVENT frame is taken to be its subscription topic `*` (§2.1).
      const headers = {
        eventType: input.eventType,
        eventId: input.eventId ?? randomUUID(),
        eventBornTime: String(input.eventBornTime ?? now()),
        eventCorpId: input.eventCorpId ?? resolved.corpId,
        eventUnifiedAppId: resolved.appId,
      };
      return stream.push('EVENT', '*', input.data, pushOptions, headers);
    },
    redeliver: (messageId, target) => stream.redeliver(messageId, target),
    sendPing: (target) => stream.sendPing(target),
    sendSystemDisconnect: (reason = 'rebalance', target) => stream.sendSystemDisconnect(reason, target),
    dropConnection: (target) => stream.dropConnection(target),
    connections: () => stream.connections(),
    rejectedConnections: () => stream.rejectedConnections(),
    pushes: () => stream.pushes(),
    acks: () => stream.acks(),
    waitForConnection: (nth = 1, timeoutMs = DEFAULT_WAIT_MS) => stream.waitForConnection(nth, timeoutMs),
    waitForClose: (connectionId, timeoutMs = DEFAULT_WAIT_MS) => stream.waitForClose(connectionId, timeoutMs),
    waitForAck: (messageId, timeoutMs = DEFAULT_WAIT_MS) => stream.waitForAck(messageId, timeoutMs),

    tokenCalls: () => tokenCallsIn(requestLog),
    expireAllTokens: () => tokens.expireAll(),

    failNext: (path, kind, times = 1) => gate.failNext(path, kind, times),
    apiCallsThisMonth: () => gate.callsThisMonth,

    requests: () => [...requestLog],
    groupMessages: () => [...robot.groupLog],
    oneToOneMessages: () => [...robot.oneToOneLog],
    sessionWebhookMessages: () => [...robot.sessionLog],
    cards: () => cards.list(),
    card: (outTrackId) => cards.get(outTrackId),
    mediaUploads: () => [...media.uploads],
    receivePicture: (bytes) => media.receive(bytes),

    async close() {
      stream.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** §4.2: the answer to a card callback updates the card the callback came from. */
function applyCardAnswer(cards: CardApi, push: PushedFrame, ack: AckRecord): string | undefined {
  const payload = JSON.parse(push.frame.data) as CardCallbackPayload;
  return cards.applyCallbackResponse(payload.outTrackId, payload.userId, ack.data);
}

function requestRecord(
  req: IncomingMessage,
  url: URL,
  body: unknown,
  reply: ApiReply,
  at: number,
): RequestRecord {
  return {
    method: req.method ?? '',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: {
      accessToken: headerValue(req.headers, 'x-acs-dingtalk-access-token'),
      contentType: headerValue(req.headers, 'content-type'),
      accept: headerValue(req.headers, 'accept'),
      userAgent: headerValue(req.headers, 'user-agent'),
    },
    body: Buffer.isBuffer(body) ? `<${body.length} bytes>` : body,
    status: reply.status,
    response: reply.body,
    at,
  };
}

function tokenCallsIn(requests: readonly RequestRecord[]): TokenCallRecord[] {
  return requests
    .filter((r) => r.path === NEW_TOKEN_PATH || r.path === OLD_TOKEN_PATH)
    .map((r) => ({
      api: r.path === NEW_TOKEN_PATH ? 'oauth2' : 'gettoken',
      granted: isRecord(r.response) && ('accessToken' in r.response || 'access_token' in r.response),
      at: r.at,
    }));
}
