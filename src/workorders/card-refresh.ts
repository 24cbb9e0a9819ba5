import type { EntityManager } from '@mikro-orm/core';
import { CardInstance } from '../chat/cards/card-instance.entity.js';
import { issueCard } from '../chat/cards/issue-card.js';
import { OutboxMessage } from '../chat/outbox/outbox-message.entity.js';
import type { Outbox } from '../chat/outbox/outbox.js';
import type { ChannelName } from '../chat/inbound-event.js';
import type { Clock } from '../shared/clock.js';
import type { OperationTask } from './operation-task.entity.js';
import type { OrderWithTasks } from './task-lookup.js';
import { taskCardSpec, taskSubject } from './task-view.js';

/**
 * Redraws, in place, every copy of a task's card that people received: the worker's, the
 * team group's, the lead's. Each platform adapter turns the update into its own call.
 */
export async function refreshTaskCards(
  em: EntityManager,
  clock: Clock,
  outbox: Outbox,
  loaded: OrderWithTasks,
  task: OperationTask,
): Promise<void> {
  const instances = await em.find(CardInstance, { subjectType: 'task', subjectId: String(task.id) });
  const originals = [...new Set(instances.map((i) => i.originalRef))];
  if (originals.length === 0) return;
  const sent = await em.find(
    OutboxMessage,
    { cardRef: { $in: originals }, status: 'sent' },
    { orderBy: { id: 'asc' } },
  );
  const places = new Map(
    sent
      .filter((s) => s.content.kind === 'card')
      .map((s) => [`${s.channel}|${s.recipientKey}|${s.cardRef}`, s]),
  );
  for (const place of places.values()) {
    const card = issueCard(
      em,
      clock,
      'task',
      taskSubject(task),
      taskCardSpec(loaded, task),
      place.cardRef ?? undefined,
    );
    await outbox.enqueue(
      em,
      { kind: 'address', channel: place.channel as ChannelName, recipientKey: place.recipientKey },
      { kind: 'card_update', card },
    );
  }
}
