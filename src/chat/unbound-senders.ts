import type { EntityManager } from '@mikro-orm/core';
import { peopleWithRole } from '../people/directory.js';
import { UnknownSender } from '../people/unknown-sender.entity.js';
import type { Clock } from '../shared/clock.js';
import { identityPlatformOf, type InboundEvent } from './inbound-event.js';
import { chatMessages as m } from './messages.js';
import type { OutboundContent } from './outbound.js';
import type { Outbox } from './outbox/outbox.js';

/**
 * Someone the factory has not bound wrote to the bot. They are told whom to ask; the admins
 * hear about it once per sender, not once per message.
 */
export async function answerUnboundSender(
  em: EntityManager,
  event: InboundEvent,
  clock: Clock,
  outbox: Outbox,
): Promise<OutboundContent[]> {
  const platform = identityPlatformOf(event.channel);
  const admins = await peopleWithRole(em, 'admin');
  const known = await em.findOne(UnknownSender, { platform, externalId: event.senderId });
  if (known) {
    known.lastSeenAt = clock.now();
    known.messages += 1;
  } else {
    em.create(UnknownSender, {
      platform,
      externalId: event.senderId,
      firstSeenAt: clock.now(),
      lastSeenAt: clock.now(),
    });
    const sample = event.kind === 'text' ? event.text : event.kind;
    for (const admin of admins) {
      await outbox.enqueue(
        em,
        { kind: 'person', personId: admin.id },
        { kind: 'text', text: m.unboundAdminAlert(platform, event.senderId, sample) },
        { dedupeKey: `unbound:${platform}:${event.senderId}:${admin.id}` },
      );
    }
  }
  return [{ kind: 'text', text: m.unbound(admins.map((a) => a.name)) }];
}
