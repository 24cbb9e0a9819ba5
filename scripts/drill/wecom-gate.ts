import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { readBody, startFakeWecom, type FakeWecom } from '../../test/fakes/wecom-api/server.js';
import { WECOM } from '../../test/channels/wecom-app/callback-client.js';

const SEND = '/cgi-bin/message/send';

/** How the gate misbehaves on message/send; the rest of the API passes straight through. */
export interface SendFaults {
  /** The first n sends answer errcode -1 (system busy) and deliver nothing. */
  failFirst: number;
  /** Every send is delivered at once but answered this much later. */
  answerAfterMs: number;
  /** Every n-th delivered send is answered after `slowestMs`, past the app's request timeout. */
  slowEvery: number;
  slowestMs: number;
}

const noFaults: SendFaults = { failFirst: 0, answerAfterMs: 0, slowEvery: 0, slowestMs: 0 };

/**
 * The test fake of WeCom's API with a gate in front of it that the drill controls: injected
 * failures, answers that come late after the message was delivered (the case where a
 * timeout does not mean "not sent"), and WeCom's duplicate check on message/send
 * (protocols/wecom.md §6.1: with enable_duplicate_check, identical JSON within
 * duplicate_check_interval, default 1800 s, is delivered once). What WeCom answers to a
 * suppressed duplicate is not documented (UNCONFIRMED); the gate answers ok, as a send
 * that needs no retry.
 */
export class WecomGate {
  faults: SendFaults = noFaults;
  private sends = 0;
  private readonly seen = new Map<string, number>();

  private constructor(
    readonly fake: FakeWecom,
    private readonly server: Server,
  ) {}

  static async start(): Promise<WecomGate> {
    const fake = await startFakeWecom({
      corpId: WECOM.corpId,
      secret: 'app-secret',
      agentId: Number(WECOM.agentId),
    });
    const server = createServer();
    const gate = new WecomGate(fake, server);
    server.on('request', (req, res) => {
      gate.answer(req).then(
        ({ status, body }) => res.writeHead(status, { 'content-type': 'application/json' }).end(body),
        (error: unknown) => res.writeHead(502).end(String(error)),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return gate;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Message/send bodies the fake delivered (not dropped by its per-member limit). */
  delivered(): Array<Record<string, unknown>> {
    return this.fake.delivered(SEND);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
    await this.fake.close();
  }

  private async answer(req: IncomingMessage): Promise<{ status: number; body: string }> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://gate');
    if (url.pathname !== SEND) return this.forward(req, raw);
    this.sends += 1;
    if (this.sends <= this.faults.failFirst)
      return { status: 200, body: JSON.stringify({ errcode: -1, errmsg: 'system busy (drill)' }) };
    const message = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    const key = JSON.stringify(message);
    const windowMs = Number(message.duplicate_check_interval ?? 1800) * 1000;
    const firstAt = this.seen.get(key);
    if (message.enable_duplicate_check === 1 && firstAt !== undefined && Date.now() - firstAt < windowMs)
      return {
        status: 200,
        body: JSON.stringify({ errcode: 0, errmsg: 'ok', msgid: randomBytes(8).toString('hex') }),
      };
    const forwarded = await this.forward(req, raw);
    if ((JSON.parse(forwarded.body) as { errcode: number }).errcode === 0) this.seen.set(key, Date.now());
    const slow = this.faults.slowEvery > 0 && this.sends % this.faults.slowEvery === 0;
    await sleep(slow ? this.faults.slowestMs : this.faults.answerAfterMs);
    return forwarded;
  }

  private async forward(req: IncomingMessage, raw: Buffer): Promise<{ status: number; body: string }> {
    const response = await fetch(`${this.fake.baseUrl}${req.url ?? '/'}`, {
      method: req.method ?? 'GET',
      headers: { 'content-type': req.headers['content-type'] ?? 'application/json' },
      ...(raw.length > 0 ? { body: raw } : {}),
    });
    return { status: response.status, body: await response.text() };
  }
}
