import { randomBytes } from 'node:crypto';

interface LiveToken {
  value: string;
  expiresAt: number;
}

/**
 * One internal app, one access token, accepted by both hosts (§5.1). A repeat request within
 * the validity returns the same token and extends it (old-API doc, applied to both APIs).
 */
export class TokenStore {
  private live: LiveToken | undefined;

  constructor(
    private readonly ttlSeconds: number,
    private readonly now: () => number,
  ) {}

  grant(): { token: string; expiresIn: number } {
    const at = this.now();
    if (this.live === undefined || this.live.expiresAt <= at) {
      this.live = { value: randomBytes(16).toString('hex'), expiresAt: at };
    }
    this.live.expiresAt = at + this.ttlSeconds * 1000;
    return { token: this.live.value, expiresIn: this.ttlSeconds };
  }

  isValid(token: string | undefined): boolean {
    return token !== undefined && this.live?.value === token && this.live.expiresAt > this.now();
  }

  expireAll(): void {
    this.live = undefined;
  }
}
