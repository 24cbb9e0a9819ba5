import type { Clock } from '../../shared/clock.js';

export interface GrantedToken {
  token: string;
  expiresInSeconds: number;
}

/** The Python SDK renews five minutes before expiry (protocols/dingtalk.md §5.1); so do we. */
const REFRESH_EARLY_MS = 5 * 60_000;

/**
 * The access token of one internal app. DingTalk asks apps not to call the token API often
 * (§5.1), and a burst of outbox sends must not each fetch one: the token is cached, renewed
 * before it expires, and while a renewal is in flight every caller waits for that same one.
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

  /** DingTalk refused `token` (§5.1: 401 InvalidAuthentication, errcode 40014): the next get() renews. */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  private async renew(): Promise<string> {
    const requestedAt = this.clock.now().getTime();
    const { token, expiresInSeconds } = await this.grant();
    // Counted from the request, not the answer: the platform's clock started no later than that.
    this.cached = { token, expiresAt: requestedAt + expiresInSeconds * 1000 };
    return token;
  }
}
