import type { Clock } from '../../shared/clock.js';

/** A token as the platform granted it: its value and how long it lives. */
export interface GrantedToken {
  token: string;
  expiresInSeconds: number;
}

export interface TokenHandling<T> {
  /** The platform's answer says the token is invalid or expired. */
  refusesToken(answer: T): boolean;
  /** The answer when no token could be had; without it, the grant's error is thrown. */
  noToken?(error: unknown): T;
}

/** DingTalk's Python SDK renews five minutes before expiry (§5.1), as WeCom's notes advise (§1). */
const REFRESH_EARLY_MS = 5 * 60_000;

/**
 * The access token of one app on one platform (a DingTalk app, a WeCom self-built app). The
 * platforms ask apps not to call their token APIs often, and a burst of outbox sends must not
 * each fetch one: the token is cached, renewed five minutes before it expires, and while a
 * renewal is in flight every caller waits for that same one. A platform may revoke a token
 * early; a call it refuses for its token is made once more with a fresh one.
 */
export class AccessTokenCache {
  private cached: { token: string; expiresAt: number } | undefined;
  private renewal: Promise<string> | undefined;

  constructor(
    private readonly grant: () => Promise<GrantedToken>,
    private readonly clock: Clock,
  ) {}

  async get(): Promise<string> {
    const now = this.clock.now().getTime();
    if (this.cached !== undefined && this.cached.expiresAt - REFRESH_EARLY_MS > now) return this.cached.token;
    this.renewal ??= this.renew().finally(() => (this.renewal = undefined));
    return this.renewal;
  }

  /**
   * The platform refused `token` as invalid or expired: the next get() renews. A token renewed
   * meanwhile by another caller is kept.
   */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  /**
   * Makes `call` with the token; when the platform's answer says the token was refused
   * (`refusesToken`, by each platform's own codes), drops it and makes the call once more with
   * a fresh one (protocols/wecom.md §1, protocols/dingtalk.md §5.1). When no token can be had,
   * `noToken` answers instead, or the grant's error is thrown.
   */
  async withToken<T>(call: (token: string) => Promise<T>, handling: TokenHandling<T>): Promise<T> {
    const first = await this.callOnce(call, handling);
    if (first.token === undefined || !handling.refusesToken(first.answer)) return first.answer;
    this.invalidate(first.token);
    return (await this.callOnce(call, handling)).answer;
  }

  private async callOnce<T>(
    call: (token: string) => Promise<T>,
    { noToken }: TokenHandling<T>,
  ): Promise<{ answer: T; token?: string }> {
    let token: string;
    try {
      token = await this.get();
    } catch (error) {
      if (!noToken) throw error;
      return { answer: noToken(error) };
    }
    return { answer: await call(token), token };
  }

  private async renew(): Promise<string> {
    const requestedAt = this.clock.now().getTime();
    const { token, expiresInSeconds } = await this.grant();
    // Counted from the request, not the answer: the platform's clock started no later than that.
    this.cached = { token, expiresAt: requestedAt + expiresInSeconds * 1000 };
    return token;
  }
}
