import type { EntityManager } from '@mikro-orm/core';
import { peopleWithRole, teamOfGroup } from '../people/directory.js';
import { UnknownSender } from '../people/unknown-sender.entity.js';
import type { Clock } from '../shared/clock.js';
import { identityPlatformOf, type InboundEvent } from './inbound-event.js';
import { chatMessages as m } from './messages.js';
import type { OutboundContent } from './outbound.js';
import type { Outbox } from './outbox/outbox.js';

/** The factory.yaml key that binds a group of each channel to a team. */
const GROUP_KEYS: Record<string, string> = {
  'wecom-app': 'wecomGroup',
  'wecom-bot': 'wecomBotGroup',
  dingtalk: 'dingtalkGroup',
};

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
  const sample = event.kind === 'text' ? event.text : event.kind;
  const admins = await peopleWithRole(em, 'admin');
  await noteStranger(
    em,
    clock,
    outbox,
    platform,
    event.senderId,
    m.unboundAdminAlert(platform, event.senderId, sample),
    admins,
  );
  return [{ kind: 'text', text: m.unbound(admins.map((a) => a.name)) }];
}

/**
 * A group no team is bound to: the bot does not work there (it would not know whose tasks
 * or which group to report into), says so, and tells the admins how to bind it, once.
 */
export async function answerUnboundGroup(
  em: EntityManager,
  event: InboundEvent,
  clock: Clock,
  outbox: Outbox,
): Promise<OutboundContent[] | undefined> {
  const conversation = event.conversation;
  const key = GROUP_KEYS[event.channel];
  if (conversation.kind !== 'group' || key === undefined) return undefined;
  if ((await teamOfGroup(em, event.channel, conversation.chatId)) !== undefined) return undefined;
  const admins = await peopleWithRole(em, 'admin');
  const alert = m.unboundGroupAdminAlert(conversation.title ?? '', conversation.chatId, key);
  await noteStranger(em, clock, outbox, `group:${event.channel}`, conversation.chatId, alert, admins);
  return [{ kind: 'text', text: m.unboundGroup(admins.map((a) => a.name)) }];
}

async function noteStranger(
  em: EntityManager,
  clock: Clock,
  outbox: Outbox,
  platform: string,
  externalId: string,
  alert: string,
  admins: Array<{ id: string }>,
): Promise<void> {
  const known = await em.findOne(UnknownSender, { platform, externalId });
  if (known) {
    known.lastSeenAt = clock.now();
    known.messages += 1;
    return;
  }
  em.create(UnknownSender, { platform, externalId, firstSeenAt: clock.now(), lastSeenAt: clock.now() });
  for (const admin of admins) {
    await outbox.enqueue(
      em,
      { kind: 'person', personId: admin.id },
      { kind: 'text', text: alert },
      {
        dedupeKey: `unbound:${platform}:${externalId}:${admin.id}`,
      },
    );
  }
}
