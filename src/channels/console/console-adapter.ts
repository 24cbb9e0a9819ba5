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
 */
export class ConsoleAdapter implements ChannelAdapter {
  readonly name = 'console' as const;
  readonly delivered: ConsoleDelivery[] = [];
  private readonly listeners = new Set<(delivery: ConsoleDelivery) => void>();

  constructor(readonly limits: RateLimit[] = [{ scope: 'recipient', windowMs: 60_000, max: 20 }]) {}

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
