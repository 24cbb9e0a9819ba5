import type { EntityManager } from '@mikro-orm/core';
import type { Services } from '../services.js';
import { recordAudit, type Actor } from '../chat/audit/actor.js';
import { text } from '../chat/outbound.js';
import { formatDateTime } from '../shared/display.js';
import { RefusedError } from '../shared/errors.js';
import type { Changer } from './deps.js';
import { outsourcingMessages as m } from './messages.js';
import { coordinatorsOf, pushTo } from './notifications.js';
import type { OutsourcingOrder } from './outsourcing-order.entity.js';
import { statesOf } from './states.js';

/**
 * 改回厂: the partner says the batch will be back later (or sooner). The reminders follow the new
 * time by themselves (each is keyed by the expected return it is about); a partner's change is
 * told to the coordinators, as a partner's move is. Returns the time it replaced.
 */
export async function rescheduleReturn(
  deps: Services,
  changer: Changer,
  order: OutsourcingOrder,
  at: Date,
  reason: string | null,
): Promise<Date> {
  const states = statesOf(deps.config.outsourcing);
  const now = deps.clock.now();
  const when = (d: Date) => formatDateTime(d, now, deps.tz);
  if (states.isBack(order.state))
    throw new RefusedError('already_returned', m.alreadyBack(order.number, states.nameOf(order.state)));
  if (at.getTime() <= now.getTime())
    throw new RefusedError('return_in_past', m.returnNotAhead(order.number, when(at), when(now)));
  const before = order.expectedReturnAt;
  if (before.getTime() === at.getTime())
    throw new RefusedError('same_return', m.sameReturn(order.number, when(at)));
  order.expectedReturnAt = at;
  if (changer.partnerSide) {
    const content = text(m.partnerRescheduled(changer.name, order.number, when(before), when(at), reason));
    await pushTo(deps, await coordinatorsOf(deps, order), content);
  }
  return before;
}

/** Who moved the expected return, from when, to when and why: the same entry from chat and the API. */
export function auditReschedule(
  em: EntityManager,
  actor: Actor,
  order: OutsourcingOrder,
  before: Date,
  reason: string | null,
): void {
  recordAudit(em, actor, 'outsourcing.return_rescheduled', 'outsourcing_order', order.id, {
    number: order.number,
    from: before.toISOString(),
    to: order.expectedReturnAt.toISOString(),
    reason,
  });
}
