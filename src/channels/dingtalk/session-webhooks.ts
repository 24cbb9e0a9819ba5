/**
 * The reply URLs DingTalk hands out with each robot message (protocols/dingtalk.md §5.3). A
 * reply through one needs no token and does not count against the monthly quota (§6), so it is
 * the first choice for as long as it lives. Kept in memory: after a restart the API takes over.
 */
export interface SessionWebhook {
  url: string;
  expiresAt: number;
}

/** Stop using a webhook a little before DingTalk does, so a reply in flight does not race its expiry. */
const EXPIRY_MARGIN_MS = 60_000;

/** Enough for every active chat of a 300-person factory; the oldest are forgotten first. */
const MAX_SESSIONS = 2000;

export class SessionWebhooks {
  private readonly byRecipient = new Map<string, SessionWebhook>();

  /** `recipientKey` is where a reply to this conversation is addressed: `group:<cid>` or a staffId. */
  remember(recipientKey: string, url: string, expiresAt: number): void {
    const known = this.byRecipient.get(recipientKey);
    if (known !== undefined && known.expiresAt > expiresAt) return;
    this.byRecipient.delete(recipientKey);
    this.byRecipient.set(recipientKey, { url, expiresAt });
    if (this.byRecipient.size > MAX_SESSIONS) {
      const oldest = this.byRecipient.keys().next().value;
      if (oldest !== undefined) this.byRecipient.delete(oldest);
    }
  }

  usable(recipientKey: string, now: number): SessionWebhook | undefined {
    const session = this.byRecipient.get(recipientKey);
    if (session === undefined) return undefined;
    if (session.expiresAt - EXPIRY_MARGIN_MS > now) return session;
    this.byRecipient.delete(recipientKey);
    return undefined;
  }

  /** DingTalk refused it (expired early, revoked): do not try it again. */
  forget(recipientKey: string, url: string): void {
    if (this.byRecipient.get(recipientKey)?.url === url) this.byRecipient.delete(recipientKey);
  }
}
