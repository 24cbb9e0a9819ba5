/**
 * Card redraws that already reached DingTalk in the answer to a card callback (§4.2), so the
 * outbox need not PUT them again: each PUT is a metered call (§6). Only a hint — when this
 * process restarts, or another instance sends the update, the PUT simply happens as well.
 */
const MAX_TRACKED = 5000;

export class AcknowledgedCards {
  /** outTrackId → the outbox id of the newest redraw the callback answer carried. */
  private readonly newest = new Map<string, number>();

  note(outTrackId: string, outboxMessageId: number): void {
    const known = this.newest.get(outTrackId) ?? 0;
    this.newest.delete(outTrackId);
    this.newest.set(outTrackId, Math.max(known, outboxMessageId));
    if (this.newest.size > MAX_TRACKED) {
      const oldest = this.newest.keys().next().value;
      if (oldest !== undefined) this.newest.delete(oldest);
    }
  }

  /**
   * True when this redraw, or a newer one of the same card, is already on screen. An older
   * redraw must not be PUT after a newer one was shown: the card would step back in time.
   */
  covers(outTrackId: string, outboxMessageId: number): boolean {
    return (this.newest.get(outTrackId) ?? 0) >= outboxMessageId;
  }
}
