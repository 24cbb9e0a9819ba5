import type { EntityManager } from '@mikro-orm/core';
import { recipientKindOf, type DeliveryRequest } from '../../chat/channel.js';
import type { OutboundContent } from '../../chat/outbound.js';
import { OutboxMessage } from '../../chat/outbox/outbox-message.entity.js';

/**
 * How long WeCom drops a message/send whose request JSON is identical to an earlier one
 * (protocols/wecom-media.md §3, confirmed). The 4 h maximum is UNCONFIRMED against the live
 * page; one hour is inside it either way and covers the outbox's whole retry schedule.
 */
export const DUPLICATE_CHECK_SECONDS = 3600;
/** Our clock and WeCom's differ a little; a resend is trusted only well inside the window. */
const CLOCK_MARGIN_MS = 5 * 60_000;

/**
 * Decides, the same way on every attempt of a message, whether its message/send carries
 * `enable_duplicate_check`. With the check on, a resend after a timeout or a crash is
 * dropped by WeCom if the first send got through, so the outbox may resend in doubt. But
 * WeCom would equally drop a *different* outbox message with the same text sent within the
 * interval, so a text that this person was already sent (or may have been) in the interval
 * before this message was queued goes without the check, and is not resent in doubt.
 */
export class WecomDuplicateCheck {
  constructor(private readonly em: () => EntityManager) {}

  /** Fields to merge into the message/send body; the same on every attempt. */
  async fields(request: DeliveryRequest): Promise<Record<string, number>> {
    if (!(await this.applies(request))) return {};
    return { enable_duplicate_check: 1, duplicate_check_interval: DUPLICATE_CHECK_SECONDS };
  }

  /** How long after it was queued this message may be resent without a second delivery. */
  async windowMs(request: DeliveryRequest): Promise<number | undefined> {
    return (await this.applies(request)) ? DUPLICATE_CHECK_SECONDS * 1000 - CLOCK_MARGIN_MS : undefined;
  }

  private async applies(request: DeliveryRequest): Promise<boolean> {
    // appchat/send: whether it honours the check is UNCONFIRMED; robot webhooks have none.
    if (recipientKindOf(request.recipientKey) !== 'person') return false;
    switch (request.content.kind) {
      case 'card':
        // The task_id is made from the message id: no two messages share a card body.
        return true;
      case 'text':
      case 'markdown':
        return !(await this.sameTextSentBefore(request));
      case 'image': // every attempt uploads afresh, and a new media_id makes a new body
      case 'card_update': // update_template_card has no duplicate check
        return false;
    }
  }

  /**
   * Only earlier messages of this recipient count: the outbox sends a recipient's messages in
   * order, so they were settled before this one's first attempt and the answer never changes.
   * Counting from queuedAt, which precedes every attempt, covers the interval before each.
   */
  private async sameTextSentBefore(request: DeliveryRequest): Promise<boolean> {
    const since = new Date(request.queuedAt.getTime() - DUPLICATE_CHECK_SECONDS * 1000);
    const earlier = await this.em().find(
      OutboxMessage,
      {
        channel: 'wecom-app',
        recipientKey: request.recipientKey,
        id: { $lt: request.messageId },
        // A dead letter may have gone out before its sender lost track of it.
        $or: [{ status: 'sent', sentAt: { $gte: since } }, { status: 'dead' }],
      },
      { fields: ['content'] },
    );
    return earlier.some((m) => sameBody(m.content, request.content));
  }
}

function sameBody(a: OutboundContent, b: OutboundContent): boolean {
  return (a.kind === 'text' || a.kind === 'markdown') && a.kind === b.kind && a.text === (b as typeof a).text;
}
