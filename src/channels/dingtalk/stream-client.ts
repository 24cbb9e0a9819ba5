import { setTimeout as sleep } from 'node:timers/promises';
import { DWClient, type DWClientConfig, type DWClientDownStream } from 'dingtalk-stream';
import type { Logger } from '../../shared/logger.js';
import type { AccessTokenCache } from '../shared/access-token-cache.js';
import { messageOf } from './api-client.js';
import { isRecord } from './platform-answers.js';

export interface StreamClientOptions {
  clientId: string;
  clientSecret: string;
  /** DINGTALK_API_BASE: the Stream gateway lives on the API host (§2.1). */
  apiBase: string;
  tokens: AccessTokenCache;
  logger: Logger;
  /** DingTalk sent SYSTEM `disconnect` on this connection (§2.4). */
  onDisconnectRequested(client: StreamClient): void;
}

/** §2.1: the `ua` the Node SDK would send. */
const USER_AGENT = 'dingtalk-sdk-nodejs/2.1.5';
const MAX_BACKOFF_MS = 60_000;

/** Fields dingtalk-stream 2.1.5 declares private but that are plain properties at runtime (§3.3). */
interface SdkInternals {
  dw_url?: string;
  heartbeatIntervallId?: NodeJS.Timeout;
}

/**
 * One Stream connection (one ticket at a time), built on the SDK's own extension points
 * (§3.3): `getEndpoint` asks the gateway on DINGTALK_API_BASE — a private deployment or a test
 * gateway — instead of the hard-coded api.dingtalk.com; `getAccessToken` uses our token cache
 * instead of the hard-coded oapi host; `onSystem` reports a SYSTEM `disconnect`, which 2.1.5
 * itself only notes (§3.2). Everything else — the socket, pings, reconnects — stays the SDK's.
 */
export class StreamClient extends DWClient {
  private failures = 0;
  private stopped = false;
  private readonly abort = new AbortController();

  constructor(private readonly options: StreamClientOptions) {
    const config: DWClientConfig = {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      ua: USER_AGENT,
      // §3.2: with debug on, 2.1.5 logs its whole config, the client secret included. Never.
      debug: false,
      // WebSocket pings every 8 s; a connection that stops answering is cut and reopened.
      keepAlive: true,
      autoReconnect: true,
      // §3.2: 2.1.5 shares its default subscriptions array between clients: each gets its own.
      subscriptions: [{ type: 'EVENT', topic: '*' }],
    };
    super(config as ConstructorParameters<typeof DWClient>[0]);
  }

  override async getEndpoint(): Promise<this> {
    if (this.stopped) throw new Error('the DingTalk Stream client was stopped');
    // 2.1.5 retries every second, forever: back off while the gateway keeps failing.
    if (this.failures > 0)
      await sleep(Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (this.failures - 1)), undefined, {
        signal: this.abort.signal,
      });
    try {
      const { clientId, clientSecret, ua, subscriptions } = this.config;
      const response = await fetch(`${this.options.apiBase}/v1.0/gateway/connections/open`, {
        method: 'POST',
        // §2.1: without Accept: application/json the gateway answers XML.
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ clientId, clientSecret, ua, subscriptions }),
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(15_000)]),
      });
      const body = (await response.json()) as unknown;
      const { endpoint, ticket } = isRecord(body) ? body : {};
      if (!response.ok || typeof endpoint !== 'string' || typeof ticket !== 'string')
        throw new Error(`the Stream gateway answered HTTP ${response.status}: ${JSON.stringify(body)}`);
      // §2.1: a ticket opens one connection within 90 s; it is fetched afresh for every connection.
      (this as unknown as SdkInternals).dw_url = `${endpoint}?ticket=${encodeURIComponent(ticket)}`;
      return this;
    } catch (error) {
      this.noteFailure('gateway', error);
      throw error;
    }
  }

  override async _connect(): Promise<void> {
    if (this.stopped) throw new Error('the DingTalk Stream client was stopped');
    // 2.1.5 starts a heartbeat timer on every open and clears only the last one on disconnect().
    clearInterval((this as unknown as SdkInternals).heartbeatIntervallId);
    try {
      await super._connect();
      this.failures = 0;
      // Stopped while the socket was opening: 2.1.5 clears its own stop flag when it connects.
      if (this.stopped) this.disconnect();
    } catch (error) {
      this.noteFailure('websocket', error);
      throw error;
    }
  }

  override getAccessToken(): Promise<string> {
    return this.options.tokens.get();
  }

  override onSystem(downstream: DWClientDownStream): void {
    super.onSystem(downstream);
    if (downstream.headers.topic === 'disconnect' && !this.stopped) this.options.onDisconnectRequested(this);
  }

  /** Keeps the socket for the frames and ACKs still under way, but never reconnects it. */
  retire(): void {
    this.config.autoReconnect = false;
  }

  shutDown(): void {
    this.stopped = true;
    this.config.autoReconnect = false;
    this.abort.abort();
    this.disconnect();
  }

  private noteFailure(stage: string, error: unknown): void {
    if (this.stopped) return;
    this.failures += 1;
    this.options.logger.warn(
      { stage, attempt: this.failures, error: messageOf(error) },
      'DingTalk Stream connection failed; the SDK retries',
    );
  }
}
