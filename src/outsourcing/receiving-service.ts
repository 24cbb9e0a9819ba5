import type { Services } from '../services.js';
import { text } from '../chat/outbound.js';
import { RefusedError } from '../shared/errors.js';
import type { Changer } from './deps.js';
import { outsourcingMessages as m } from './messages.js';
import { coordinatorsOf, pushTo } from './notifications.js';
import { moveTo, publishChange } from './state-moves.js';
import type { OutsourcingOrder, QcResult } from './outsourcing-order.entity.js';
import { ReturnReceipt } from './return-receipt.entity.js';
import type { OutsourcingStateChange } from './state-change.entity.js';
import { statesOf } from './states.js';

export interface ReturnOutcome {
  /** This receipt's quantity. */
  received: number;
  /** The running total back. */
  returned: number;
  /** True when this receipt completed the batch and moved it to the returned state. */
  complete: boolean;
  /** The move to the returned state, when this receipt made it. */
  change: OutsourcingStateChange | null;
}

/**
 * 回厂: part or all of the batch is back. Each receipt is kept; the last one moves the order
 * to a returned state (`backState`, the first declared one unless a state change named
 * another) whatever the transition table says, since the batch is physically here. Reminders
 * follow the state, so they stop only when nothing is left at the partner.
 */
export function recordReturn(
  deps: Services,
  changer: Changer,
  order: OutsourcingOrder,
  quantity: number,
  backState = statesOf(deps.config.outsourcing).returnedState.id,
): ReturnOutcome {
  const states = statesOf(deps.config.outsourcing);
  const outstanding = order.quantity - order.returnedQuantity;
  // A batch moved back before quantities were required may still miss pieces: 回厂 takes them.
  if (outstanding <= 0) {
    throw new RefusedError('already_returned', m.alreadyBack(order.number, states.nameOf(order.state)));
  }
  const words = changer.partnerSide ? m.partnerWords : m.factoryWords;
  if (!Number.isInteger(quantity) || quantity <= 0) {
    throw new RefusedError('bad_quantity', words.badQuantity(String(quantity)));
  }
  if (quantity > outstanding) {
    throw new RefusedError('over_return', words.overReturn(order.number, quantity, outstanding), {
      requested: quantity,
      outstanding,
    });
  }
  deps.em.create(ReturnReceipt, {
    order,
    quantity,
    at: changer.at,
    actorId: changer.personId,
    channel: changer.channel,
  });
  order.returnedQuantity += quantity;
  const complete = order.returnedQuantity === order.quantity;
  const change =
    complete && !states.isBack(order.state) ? moveTo(deps, order, backState, changer, 'returned') : null;
  return { received: quantity, returned: order.returnedQuantity, complete, change };
}

/** How long a second receipt of the same count on one order is taken for the first one typed again. */
const SAME_RECEIPT_MINUTES = 30;

/**
 * The receipt of exactly `quantity` on `order` recorded in the last half hour, if any: a second
 * 回厂 of the same count so soon is as likely the same delivery told twice (by the coordinator
 * and QC, or retyped when the answer was slow) as another batch, so the person is asked. A batch
 * sent out again for rework starts its count afresh: receipts from before are not in it.
 */
export async function recentSameReceipt(
  deps: Services,
  order: OutsourcingOrder,
  quantity: number,
): Promise<ReturnReceipt | null> {
  if (order.returnedQuantity < quantity) return null;
  const since = new Date(deps.clock.now().getTime() - SAME_RECEIPT_MINUTES * 60_000);
  return deps.em.findOne(
    ReturnReceipt,
    { order, quantity, at: { $gte: since } },
    { orderBy: { id: 'desc' } },
  );
}

/**
 * 质检: only a batch that is back can be inspected. Accepted (合格, 让步) closes the order;
 * rejected leaves it where it is and tells the coordinator, who decides on rework.
 */
export async function recordQc(
  deps: Services,
  changer: Changer,
  order: OutsourcingOrder,
  result: QcResult,
  note: string | null,
): Promise<void> {
  const states = statesOf(deps.config.outsourcing);
  if (states.isFinal(order.state)) throw new RefusedError('order_closed', m.alreadyClosed(order.number));
  if (!states.isBack(order.state)) {
    throw new RefusedError('not_returned', m.notBackYet(order.number, states.nameOf(order.state)));
  }
  order.qcResult = result;
  order.qcNote = note;
  const qcNote = `qc:${result}${note ? ` ${note}` : ''}`.slice(0, 200);
  if (result === 'fail') {
    await publishChange(deps, order, moveTo(deps, order, order.state, changer, qcNote));
    await pushTo(
      deps,
      await coordinatorsOf(deps, order),
      text(m.qcFailed(order.number, order.partner.name, note)),
    );
    return;
  }
  await publishChange(deps, order, moveTo(deps, order, states.finalState.id, changer, qcNote));
}
