import type { Services } from '../services.js';
import type { OutboundContent } from '../chat/outbound.js';
import { identitiesOf, peopleWithRole } from '../people/directory.js';
import { Person } from '../people/person.entity.js';
import type { OutsourcingOrder } from './outsourcing-order.entity.js';
import { contactsOf } from './partner-service.js';

/** The order's own coordinator when set and active, else every coordinator. */
export async function coordinatorsOf(deps: Services, order: OutsourcingOrder): Promise<string[]> {
  const own = order.coordinator ? await deps.em.findOne(Person, order.coordinator.id) : null;
  if (own?.active) return [own.id];
  return (await peopleWithRole(deps.em, 'coordinator')).map((p) => p.id);
}

export async function supervisorIds(deps: Services): Promise<string[]> {
  return (await peopleWithRole(deps.em, 'supervisor')).map((p) => p.id);
}

/** Whether the person can be reached in chat at all (the console reaches everyone, so ask the platforms). */
export async function hasChatIdentity(deps: Services, personId: string): Promise<boolean> {
  return (await identitiesOf(deps.em, personId)).size > 0;
}

export async function pushTo(
  deps: Services,
  personIds: readonly string[],
  content: OutboundContent,
  dedupeKey?: (personId: string) => string,
): Promise<number> {
  let rows = 0;
  for (const personId of personIds) {
    const written = await deps.outbox.enqueue(
      deps.em,
      { kind: 'person', personId },
      content,
      dedupeKey ? { dedupeKey: dedupeKey(personId) } : {},
    );
    rows += written.length;
  }
  return rows;
}

/** The partner's contacts who have a chat account; the others hear through the link or SMS. */
export async function partnerChatContacts(deps: Services, partnerCode: string): Promise<string[]> {
  const ids: string[] = [];
  for (const contact of await contactsOf(deps.em, partnerCode)) {
    if (await hasChatIdentity(deps, contact.person.id)) ids.push(contact.person.id);
  }
  return ids;
}
