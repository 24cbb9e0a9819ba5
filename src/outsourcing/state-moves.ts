import type { Services } from '../services.js';
import type { EntityManager } from '@mikro-orm/core';
import type { Changer } from './deps.js';
import type { OutsourcingOrder } from './outsourcing-order.entity.js';
import { OutsourcingStateChange } from './state-change.entity.js';
import { statesOf } from './states.js';

/**
 * Sets the state without asking the transition table: for physical facts (the last of the
 * batch came back, QC accepted it) that the rules cannot refuse.
 */
export function moveTo(
  deps: Services,
  order: OutsourcingOrder,
  to: string,
  changer: Changer,
  note: string | null = null,
): OutsourcingStateChange {
  const states = statesOf(deps.config.outsourcing);
  const wasBack = states.isBack(order.state);
  const from = order.state;
  order.state = to;
  order.stateChangedAt = changer.at;
  if (!wasBack && states.isBack(to)) order.actualReturnAt ??= changer.at;
  // Sent back for rework: out again, so the return is awaited (and reminded) again.
  if (wasBack && !states.isBack(to)) {
    order.actualReturnAt = null;
    // The whole batch went out again: its return is counted afresh by the next receipts.
    order.returnedQuantity = 0;
  }
  return recordChange(deps.em, order, from, changer, note);
}

export function recordChange(
  em: EntityManager,
  order: OutsourcingOrder,
  from: string | null,
  changer: Changer,
  note: string | null = null,
): OutsourcingStateChange {
  return em.create(OutsourcingStateChange, {
    order,
    fromState: from,
    toState: order.state,
    at: changer.at,
    actorId: changer.personId,
    channel: changer.channel,
    note,
  });
}

/** Publishes a recorded move (nothing when a partial return left the order where it was). */
export async function publishChange(
  deps: Services,
  order: OutsourcingOrder,
  change: OutsourcingStateChange | null,
): Promise<void> {
  if (change) await deps.events.publish(deps, 'outsourcing.state_changed', { order, change });
}
