import { DeliveryUnknownError, type FetchedMedia } from '../../chat/channel.js';
import { downloadLimited, type Download } from '../shared/media-download.js';
import { AccessTokenCache, type GrantedToken } from '../shared/access-token-cache.js';
import { describeNetworkError, neverConnected } from '../shared/network-errors.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';

export interface WecomAppCredentials {
  apiBase: string;
  corpId: string;
  secret: string;
  agentId: number;
}

/** Every WeCom answer carries errcode (0 = ok); branch on it, never on errmsg (§1). */
export interface WecomAnswer {
  errcode: number;
  errmsg: string;
  [field: string]: unknown;
}

/** §1: 40014 access_token invalid, 42001 expired. */
const TOKEN_INVALID = new Set([40014, 42001]);

/**
 * A WeCom API client for one app: the access token is cached, refreshed five minutes before
 * it expires with one refresh in flight at a time, and dropped and fetched again once when
 * WeCom says it is invalid (it may revoke a token early, §1).
 */
export class WecomApiClient {
  private readonly tokens: AccessTokenCache;
  private readonly reported = new Set<number>();

  constructor(
    private readonly credentials: WecomAppCredentials,
    clock: Clock,
    private readonly logger: Logger,
  ) {
    this.tokens = new AccessTokenCache(() => this.grantToken(), clock);
  }

  get agentId(): number {
    return this.credentials.agentId;
  }

  async post(path: string, body: unknown, query: Record<string, string> = {}): Promise<WecomAnswer> {
    return this.withToken((token) => this.request('POST', path, { ...query, access_token: token }, body));
  }

  async get(path: string, query: Record<string, string> = {}): Promise<WecomAnswer> {
    return this.withToken((token) => this.request('GET', path, { ...query, access_token: token }));
  }

  async upload(type: string, fileName: string, bytes: Buffer, contentType: string): Promise<WecomAnswer> {
    return this.withToken(async (token) => {
      const form = new FormData();
      form.append('media', new Blob([bytes], { type: contentType }), fileName);
      return this.request('POST', '/cgi-bin/media/upload', { access_token: token, type }, form);
    });
  }

  /**
   * `media/get` (wecom-media.md §1): the file itself on success, a JSON errcode otherwise, so the
   * answer is told apart by its Content-Type, not its status. A refused token is renewed once.
   */
  async downloadMedia(mediaId: string, maxBytes: number): Promise<FetchedMedia> {
    const answer = await this.tokens.withToken<Download | WecomAnswer>(
      async (token) => {
        const query = new URLSearchParams({ access_token: token, media_id: mediaId });
        const download = await downloadLimited(
          `${this.credentials.apiBase}/cgi-bin/media/get?${query}`,
          maxBytes,
        );
        return 'kind' in download && download.kind === 'bytes' && isJsonAnswer(download)
          ? (JSON.parse(download.bytes.toString('utf8')) as WecomAnswer)
          : download;
      },
      {
        refusesToken: (a) => 'errcode' in a && TOKEN_INVALID.has(a.errcode),
        noToken: (error) => ({ ok: false, reason: 'unavailable', error: `no WeCom token: ${String(error)}` }),
      },
    );
    if ('errcode' in answer) return mediaRefusal(answer);
    if ('ok' in answer) return answer;
    if (answer.kind === 'bytes') return { ok: true, bytes: answer.bytes };
    return {
      ok: false,
      reason: 'unavailable',
      error: `media/get HTTP ${answer.status}: ${answer.text.slice(0, 200)}`,
    };
  }

  /** The group-robot webhook: its key is its only credential, no access token (§10). */
  async webhook(key: string, body: unknown): Promise<WecomAnswer> {
    return this.request('POST', '/cgi-bin/webhook/send', { key }, body);
  }

  /** Logs a configuration error loudly, once per code, so a wrong secret is noticed, not repeated. */
  reportConfigError(answer: WecomAnswer, what: string): void {
    if (this.reported.has(answer.errcode)) return;
    this.reported.add(answer.errcode);
    this.logger.error(
      { errcode: answer.errcode, errmsg: answer.errmsg, what },
      'WeCom refuses our configuration; fix it, messages will not be retried',
    );
  }

  private withToken(call: (token: string) => Promise<WecomAnswer>): Promise<WecomAnswer> {
    return this.tokens.withToken(call, { refusesToken: (answer) => TOKEN_INVALID.has(answer.errcode) });
  }

  private async grantToken(): Promise<GrantedToken> {
    const answer = await this.request('GET', '/cgi-bin/gettoken', {
      corpid: this.credentials.corpId,
      corpsecret: this.credentials.secret,
    });
    if (answer.errcode !== 0 || typeof answer.access_token !== 'string') {
      this.reportConfigError(answer, 'gettoken');
      throw new WecomApiError(answer);
    }
    const expiresIn = typeof answer.expires_in === 'number' ? answer.expires_in : 7200;
    return { token: answer.access_token, expiresInSeconds: expiresIn };
  }

  private async request(
    method: string,
    path: string,
    query: Record<string, string>,
    body?: unknown,
  ): Promise<WecomAnswer> {
    const url = `${this.credentials.apiBase}${path}?${new URLSearchParams(query).toString()}`;
    const init: RequestInit = { method, signal: AbortSignal.timeout(10_000) };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers = { 'content-type': 'application/json' };
    }
    try {
      const response = await fetch(url, init);
      if (!response.ok) return { errcode: -1, errmsg: `HTTP ${response.status}` };
      return (await response.json()) as WecomAnswer;
    } catch (error) {
      // Once the request may have been written, WeCom may have delivered the message.
      if (DELIVERING.has(path) && !neverConnected(error))
        throw new DeliveryUnknownError(`WeCom ${path} gave no answer: ${describeNetworkError(error)}`, error);
      throw error;
    }
  }
}

/**
 * An errcode answer instead of the file: JSON by its Content-Type, or (which headers WeCom sends
 * on an error is UNCONFIRMED, wecom-media.md §1) a short body that reads as a JSON object.
 */
function isJsonAnswer(download: { bytes: Buffer; contentType: string }): boolean {
  if (download.contentType.includes('json')) return true;
  if (download.contentType.startsWith('image/') || download.bytes.length > 4096) return false;
  try {
    return typeof (JSON.parse(download.bytes.toString('utf8')) as WecomAnswer).errcode === 'number';
  } catch {
    return false;
  }
}

/**
 * 40007 "invalid media_id" is the documented answer for an unknown id; that an id past its three
 * days answers the same is UNCONFIRMED (wecom-media.md §1). 830002: too large for one download.
 */
function mediaRefusal(answer: WecomAnswer): FetchedMedia {
  const error = `media/get errcode ${answer.errcode}: ${answer.errmsg}`;
  if (answer.errcode === 40007) return { ok: false, reason: 'expired', error };
  if (answer.errcode === 830002) return { ok: false, reason: 'too_large', error };
  return { ok: false, reason: 'unavailable', error };
}

/** Calls after which a person may have received something. */
const DELIVERING = new Set([
  '/cgi-bin/message/send',
  '/cgi-bin/appchat/send',
  '/cgi-bin/webhook/send',
  '/cgi-bin/message/update_template_card',
]);

/** A WeCom refusal that is not about one message: no token could be had. */
export class WecomApiError extends Error {
  constructor(readonly answer: WecomAnswer) {
    super(`WeCom errcode ${answer.errcode}: ${answer.errmsg}`);
    this.name = 'WecomApiError';
  }
}
