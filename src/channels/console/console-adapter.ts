import type { ChannelAdapter, DeliveryRequest, DeliveryResult, RateLimit } from '../../chat/channel.js';
import type { OutboundContent } from '../../chat/outbound.js';

export interface ConsoleDelivery {
  recipientKey: string;
  content: OutboundContent;
  messageId: number;
}

/**
 * The channel that needs no platform: demos and tests. Recipients are person ids. Its limit
 * mirrors the strictest platform (20 per minute to one group robot) so pacing shows up here too.
 *
 * A push reaches a person only through a console session open in this process: the outbox
 * keeps it queued until then, so a push made by the server (or by another person's console)
 * is shown in the recipient's own terminal when it is open, or as soon as it opens. Tests
 * stand in for everyone and take every push (`reachEveryone`).
 */
export class ConsoleAdapter implements ChannelAdapter {
  readonly name = 'console' as const;
  readonly delivered: ConsoleDelivery[] = [];
  private readonly listeners = new Set<(delivery: ConsoleDelivery) => void>();
  private readonly sessions = new Map<string, number>();
  private everyone = false;

  constructor(readonly limits: RateLimit[] = [{ scope: 'recipient', windowMs: 60_000, max: 20 }]) {}

  reachEveryone(): this {
    this.everyone = true;
    return this;
  }

  /** The person ids this process can show a push to; undefined when it takes everyone's. */
  recipientKeys(): readonly string[] | undefined {
    return this.everyone ? undefined : [...this.sessions.keys()];
  }

  /** Pushes to `personId` are shown by `show` until the returned function closes the session. */
  openSession(personId: string, show: (content: OutboundContent) => void): () => void {
    this.sessions.set(personId, (this.sessions.get(personId) ?? 0) + 1);
    const stopShowing = this.onDelivery((d) => {
      if (d.recipientKey === personId) show(d.content);
    });
    return () => {
      stopShowing();
      const open = (this.sessions.get(personId) ?? 1) - 1;
      if (open > 0) this.sessions.set(personId, open);
      else this.sessions.delete(personId);
    };
  }

  async deliver(request: DeliveryRequest): Promise<DeliveryResult> {
    const delivery = {
      recipientKey: request.recipientKey,
      content: request.content,
      messageId: request.messageId,
    };
    this.delivered.push(delivery);
    for (const listener of this.listeners) listener(delivery);
    return { ok: true };
  }

  onDelivery(listener: (delivery: ConsoleDelivery) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  deliveredTo(recipientKey: string): OutboundContent[] {
    return this.delivered.filter((d) => d.recipientKey === recipientKey).map((d) => d.content);
  }
}
