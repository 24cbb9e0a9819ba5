/**
 * A fake WeCom intelligent-bot (智能机器人) long-connection server on loopback, for tests that
 * drive the real `@wecom/aibot-node-sdk` client. Behaviour follows /work/shared/protocols/wecom.md
 * §11 (frames, commands) and §7 (template_card); section numbers (§) in comments point there.
 *
 * Point the SDK at it with `new WSClient({ botId, secret, wsUrl: fake.url, ... })` (our app reads
 * the url from WECOM_BOT_WS_URL).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Gateway } from './gateway.js';
import { MediaStore } from './media.js';
import { buildDisconnectedBody, buildEventBody, buildMessageBody, type PayloadContext } from './payloads.js';
import { CMD } from './protocol.js';
import { ReplyDesk } from './reply-desk.js';
import type {
  ConnectionCounts,
  ConnectionInfo,
  EventInput,
  FakeWecomBot,
  FakeWecomBotOptions,
  MessageInput,
  ProactiveSendRecord,
  PushedFrame,
  ReceivedFrame,
  RefusalRecord,
  ReplyRecord,
  WaitForConnectionOptions,
} from './types.js';
import { Waiters } from './waiters.js';

export type * from './types.js';
export { CMD, ERRCODE } from './protocol.js';
export { MAX_CONTENT_BYTES } from './validation.js';

const DEFAULT_WAIT_MS = 5000;

interface ResolvedOptions {
  botId: string;
  secret: string;
  now: () => number;
  respondTimeoutMs: number;
  botName: string;
  replaceOlderConnections: boolean;
  mediaUrlTtlMs: number;
}

function resolveOptions(options: FakeWecomBotOptions): ResolvedOptions {
  return {
    botId: options.botId,
    secret: options.secret,
    now: options.now ?? Date.now,
    // §11.2: welcome / card-update replies within 5 s.
    respondTimeoutMs: options.respondTimeoutMs ?? 5000,
    botName: options.botName ?? '工单助手',
    replaceOlderConnections: options.replaceOlderConnections ?? true,
    // §11.1: image/file urls are valid for 5 minutes.
    mediaUrlTtlMs: options.mediaUrlTtlMs ?? 5 * 60_000,
  };
}

export async function startFakeWecomBot(options: FakeWecomBotOptions): Promise<FakeWecomBot> {
  const fake = new FakeWecomBotServer(resolveOptions(options));
  await fake.listen();
  return fake;
}

class FakeWecomBotServer implements FakeWecomBot {
  url = '';
  mediaBaseUrl = '';
  private readonly waiters = new Waiters();
  private readonly media: MediaStore;
  private readonly desk: ReplyDesk;
  private readonly http: Server;
  private readonly gateway: Gateway;

  constructor(private readonly options: ResolvedOptions) {
    this.media = new MediaStore(options.now, options.mediaUrlTtlMs);
    this.http = createServer((req, res) => this.media.handle(req, res));
    this.desk = new ReplyDesk({
      now: options.now,
      respondTimeoutMs: options.respondTimeoutMs,
      findPush: (reqId) => this.gateway.pushes.find((frame) => frame.reqId === reqId),
    });
    this.gateway = new Gateway(this.http, {
      botId: options.botId,
      secret: options.secret,
      now: options.now,
      replaceOlderConnections: options.replaceOlderConnections,
      desk: this.desk,
      disconnectedEventBody: () => buildDisconnectedBody(this.payloadContext()),
      onChange: () => this.waiters.notify(),
    });
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.http.address() as AddressInfo;
    this.url = `ws://127.0.0.1:${port}`;
    this.mediaBaseUrl = `http://127.0.0.1:${port}`;
    this.media.baseUrl = this.mediaBaseUrl;
  }

  pushMessage(input: MessageInput = {}): string {
    const body = buildMessageBody(input, this.payloadContext());
    return this.gateway.push(CMD.msgCallback, 'message', body).reqId;
  }

  pushEvent(input: EventInput): string {
    const body = buildEventBody(input, this.payloadContext());
    return this.gateway.push(CMD.eventCallback, input.eventtype, body).reqId;
  }

  redeliver(reqId: string): void {
    this.gateway.redeliver(reqId);
  }

  waitForReply(
    reqId: string,
    timeoutMs = DEFAULT_WAIT_MS,
    match: (reply: ReplyRecord) => boolean = () => true,
  ): Promise<ReplyRecord> {
    return this.waiters.waitFor(
      () => this.desk.replies.find((reply) => reply.reqId === reqId && match(reply)),
      timeoutMs,
      () => `accepted reply on req_id ${reqId}${this.refusalSummary(reqId)}`,
    );
  }

  waitForProactiveSend(
    match: (send: ProactiveSendRecord) => boolean = () => true,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<ProactiveSendRecord> {
    return this.waiters.waitFor(
      () => this.desk.sends.find(match),
      timeoutMs,
      () => `matching aibot_send_msg${this.refusalSummary()}`,
    );
  }

  waitForConnection(options: WaitForConnectionOptions = {}): Promise<ConnectionInfo> {
    const { nth, timeoutMs = DEFAULT_WAIT_MS } = options;
    const probe = (): ConnectionInfo | undefined => {
      const all = this.gateway.connections();
      if (nth !== undefined) return all[nth - 1]?.authenticated ? all[nth - 1] : undefined;
      return all.filter((c) => c.open && c.authenticated).at(-1);
    };
    const what = nth === undefined ? 'open authenticated connection' : `authenticated connection #${nth}`;
    return this.waiters.waitFor(probe, timeoutMs, () => what);
  }

  dropConnection(): number {
    return this.gateway.dropAll();
  }

  setPingAcks(enabled: boolean): void {
    this.gateway.setPingAcks(enabled);
  }

  connections(): ConnectionInfo[] {
    return this.gateway.connections();
  }

  connectionCounts(): ConnectionCounts {
    const all = this.gateway.connections();
    return {
      total: all.length,
      open: all.filter((c) => c.open).length,
      authenticated: all.filter((c) => c.open && c.authenticated).length,
    };
  }

  frames(): ReceivedFrame[] {
    return [...this.gateway.received];
  }

  pushed(): PushedFrame[] {
    return [...this.gateway.pushes];
  }

  replies(): ReplyRecord[] {
    return [...this.desk.replies];
  }

  cardUpdates(): ReplyRecord[] {
    return this.desk.replies.filter((reply) => reply.cmd === CMD.respondUpdate);
  }

  proactiveSends(): ProactiveSendRecord[] {
    return [...this.desk.sends];
  }

  refusals(): RefusalRecord[] {
    return [...this.gateway.refusals];
  }

  async close(): Promise<void> {
    this.waiters.failAll('closed');
    await this.gateway.close();
    const closed = new Promise<void>((resolve) => this.http.close(() => resolve()));
    this.http.closeAllConnections(); // keep-alive media downloads would hold close() open
    await closed;
  }

  private payloadContext(): PayloadContext {
    return {
      botId: this.options.botId,
      botName: this.options.botName,
      nowSeconds: Math.floor(this.options.now() / 1000),
      registerMedia: (bytes, fileName) => this.media.register(bytes, fileName),
    };
  }

  /** Refusals explain most timeouts ("the reply came, but too late"), so they go into the message. */
  private refusalSummary(reqId?: string): string {
    const relevant = this.gateway.refusals.filter((r) => reqId === undefined || r.reqId === reqId);
    if (relevant.length === 0) return '';
    return ` (refused: ${relevant.map((r) => `${r.cmd} ${r.errcode} ${r.errmsg}`).join('; ')})`;
  }
}
