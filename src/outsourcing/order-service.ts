import type { Services } from '../services.js';
import type { EntityManager } from '@mikro-orm/core';
import { text } from '../chat/outbound.js';
import { Person } from '../people/person.entity.js';
import {
  claimExplicitNumber,
  flushNumbered,
  NumberTakenError,
  nextDayNumber,
  type DayNumbering,
} from '../db/sequences/day-numbers.js';
import { RefusedError } from '../shared/errors.js';
import { inZone } from '../shared/time.js';
import { Item } from '../workorders/item.entity.js';
import { OperationTask } from '../workorders/operation-task.entity.js';
import { WorkOrder } from '../workorders/work-order.entity.js';
import { checkCustomFields } from './custom-fields.js';
import type { Changer } from './deps.js';
import { outsourcingMessages as m } from './messages.js';
import { coordinatorsOf, partnerChatContacts, pushTo } from './notifications.js';
import { orderLine } from './order-view.js';
import { OutsourcingOrder } from './outsourcing-order.entity.js';
import { OutsourcingInspection } from './inspection.entity.js';
import { PartnerContact } from './partner-contact.entity.js';
import { contactsOf } from './partner-service.js';
import { Partner } from './partner.entity.js';
import type { OutsourcingStateChange } from './state-change.entity.js';
import { recordReturn, type ReturnOutcome } from './receiving-service.js';
import { publishChange, recordChange, moveTo } from './state-moves.js';
import { statesOf } from './states.js';

export interface NewOutsourcingOrder {
  /** Given by the ERP; otherwise OS-<factory date>-<n>. */
  number?: string;
  partnerCode: string;
  productCode: string;
  quantity: number;
  expectedReturnAt: Date;
  /** Factory-local day; today when omitted. */
  shipDate?: string;
  customer?: string | null;
  /** The partner's process when omitted. */
  process?: string;
  /** A contact of the partner; its primary contact when omitted. */
  contactId?: string | null;
  coordinatorId?: string | null;
  workOrderNumber?: string | null;
  /** Sequence or name of an operation of that work order. */
  operation?: string | null;
  notes?: string | null;
  customFields?: Record<string, unknown>;
}

const outsourcingNumbering: DayNumbering = {
  kind: 'outsourcing_order',
  prefix: 'OS',
  isTaken: async (em, number) => (await em.count(OutsourcingOrder, { number })) > 0,
  taken: (number, cause) =>
    new NumberTakenError(`Outsourcing order ${number} already exists.`, m.numberTaken(number), number, cause),
};

/** Creates an order in the first configured state and tells the partner's chat contacts. */
export async function createOutsourcingOrder(
  deps: Services,
  changer: Changer,
  input: NewOutsourcingOrder,
): Promise<OutsourcingOrder> {
  const { em, config, tz } = deps;
  const states = statesOf(config.outsourcing);
  const partner = await em.findOne(Partner, input.partnerCode);
  if (!partner?.active) throw new RefusedError('partner_not_found', m.partnerNotFound(input.partnerCode));
  const productCode = input.productCode.toUpperCase();
  if (!(await em.findOne(Item, productCode)))
    throw new RefusedError('product_not_found', m.productNotFound(input.productCode));
  if (!Number.isInteger(input.quantity) || input.quantity <= 0)
    throw new RefusedError('bad_quantity', m.badQuantity(String(input.quantity)));
  const customFields = input.customFields ?? {};
  checkCustomFields(config.outsourcing, customFields);
  if (input.number !== undefined) await claimExplicitNumber(em, outsourcingNumbering, input.number);
  const { workOrder, operation } = await linkedWork(em, input.workOrderNumber, input.operation);
  const order = em.create(OutsourcingOrder, {
    number: input.number ?? (await nextDayNumber(em, outsourcingNumbering, changer.at, tz)),
    customer: input.customer ?? workOrder?.customer ?? null,
    productCode,
    quantity: input.quantity,
    shipDate: input.shipDate ?? inZone(changer.at, tz).format('YYYY-MM-DD'),
    expectedReturnAt: input.expectedReturnAt,
    partner,
    process: input.process ?? partner.process,
    contact: await contactFor(em, partner, input.contactId),
    coordinator: await coordinatorFor(em, changer, input.coordinatorId),
    workOrder,
    operation,
    notes: input.notes ?? null,
    customFields,
    state: states.initial.id,
    stateChangedAt: changer.at,
    createdAt: changer.at,
  });
  const created = recordChange(em, order, null, changer);
  await flushNumbered(em, outsourcingNumbering, order.number);
  await publishChange(deps, order, created);
  const line = await orderLine(em, order, states, { tz, now: changer.at });
  await pushTo(deps, await partnerChatContacts(deps, partner.code), text(m.newOrderForPartner(line)));
  return order;
}

export interface StateChangeOutcome {
  /** The recorded move; null when a partial return left the order where it was. */
  change: OutsourcingStateChange | null;
  /** Set when the move was into a returned state: the receipt it recorded. */
  received?: ReturnOutcome;
}

/**
 * Moves an order along an allowed transition; the refusal lists the allowed ones. Moving into
 * a returned state is a 回厂 and needs the quantity that came back: all of what is
 * outstanding moves the order, less is recorded and leaves it (and its reminders) where it is.
 */
export interface ChangeOptions {
  photos?: number;
  /** Signed links to the photos, for the coordinator's message. */
  photoLinks?: readonly string[];
  returnedQuantity?: number | undefined;
}

export async function changeState(
  deps: Services,
  changer: Changer,
  order: OutsourcingOrder,
  to: string,
  options: ChangeOptions = {},
): Promise<StateChangeOutcome> {
  const states = statesOf(deps.config.outsourcing);
  const from = order.state;
  if (from === to) throw new RefusedError('same_state', m.sameState(order.number, states.nameOf(to)));
  // Once the batch is back, only the factory moves it (QC, rework); the partner has handed it over.
  if (changer.partnerSide && states.isBack(from)) {
    throw new RefusedError('already_returned', m.alreadyBack(order.number, states.nameOf(from)));
  }
  if (!states.mayMove(from, to)) {
    const allowed = states.allowedFrom(from);
    throw new RefusedError(
      'transition_not_allowed',
      m.transitionRefused(
        order.number,
        states.nameOf(from),
        states.nameOf(to),
        allowed.map(states.nameOf.bind(states)),
      ),
      { from, to, allowed },
    );
  }
  const photos = options.photos ?? 0;
  if (!states.isBack(from) && states.isBack(to))
    return returnByStateChange(deps, changer, order, to, options);
  const change = moveTo(deps, order, to, changer);
  await publishChange(deps, order, change);
  if (changer.partnerSide) {
    const content = text(
      m.partnerMoved(changer.name, order.number, states.nameOf(from), states.nameOf(to), photos) +
        m.photoLinks(options.photoLinks ?? []),
    );
    await pushTo(deps, await coordinatorsOf(deps, order), content);
  }
  return { change };
}

async function returnByStateChange(
  deps: Services,
  changer: Changer,
  order: OutsourcingOrder,
  to: string,
  options: ChangeOptions,
): Promise<StateChangeOutcome> {
  const states = statesOf(deps.config.outsourcing);
  const outstanding = order.quantity - order.returnedQuantity;
  if (options.returnedQuantity === undefined) {
    const words = changer.partnerSide ? m.partnerWords : m.factoryWords;
    throw new RefusedError(
      'returned_quantity_required',
      words.quantityRequired(order.number, states.nameOf(to), outstanding),
      { outstanding },
    );
  }
  const received = recordReturn(deps, changer, order, options.returnedQuantity, to);
  await publishChange(deps, order, received.change);
  if (changer.partnerSide) {
    const content = text(
      m.partnerSentBack(
        changer.name,
        order.number,
        options.returnedQuantity,
        received.returned,
        order.quantity,
        received.complete ? states.nameOf(to) : null,
        options.photos ?? 0,
      ) + m.photoLinks(options.photoLinks ?? []),
    );
    await pushTo(deps, await coordinatorsOf(deps, order), content);
  }
  return { change: received.change, received };
}

async function contactFor(
  em: EntityManager,
  partner: Partner,
  contactId: string | null | undefined,
): Promise<Person | null> {
  if (contactId === null) return null;
  if (contactId === undefined) return (await contactsOf(em, partner.code))[0]?.person ?? null;
  const binding = await em.findOne(PartnerContact, { partner, person: contactId }, { populate: ['person'] });
  if (!binding)
    throw new RefusedError('contact_not_of_partner', m.contactNotOfPartner(contactId, partner.name));
  return binding.person;
}

async function coordinatorFor(
  em: EntityManager,
  changer: Changer,
  coordinatorId: string | null | undefined,
): Promise<Person | null> {
  const id = coordinatorId === undefined ? changer.personId : coordinatorId;
  if (id === null) return null;
  const person = await em.findOne(Person, { id, active: true });
  if (!person && coordinatorId !== undefined)
    throw new RefusedError('person_not_found', m.personNotFound(id));
  return person?.roles.includes('coordinator') ? person : null;
}

/**
 * Links an order to the work order (and operation) it was sent for, or unlinks it (null). Once
 * QC has counted pieces on it they are some operation's output: the link then stays.
 */
export async function linkWork(
  em: EntityManager,
  order: OutsourcingOrder,
  workOrderNumber: string | null,
  operation: string | null,
): Promise<void> {
  if ((await em.count(OutsourcingInspection, { order })) > 0)
    throw new RefusedError('already_inspected', m.linkAfterQc(order.number));
  if (operation && !workOrderNumber) throw new RefusedError('operation_needs_order', m.operationNeedsOrder);
  Object.assign(order, await linkedWork(em, workOrderNumber, operation));
}

async function linkedWork(
  em: EntityManager,
  workOrderNumber: string | null | undefined,
  operation: string | null | undefined,
): Promise<{ workOrder: WorkOrder | null; operation: OperationTask | null }> {
  if (!workOrderNumber) return { workOrder: null, operation: null };
  const workOrder = await em.findOne(WorkOrder, { number: workOrderNumber.toUpperCase() });
  if (!workOrder) throw new RefusedError('work_order_not_found', m.workOrderNotFound(workOrderNumber));
  if (!operation) return { workOrder, operation: null };
  const tasks = await em.find(OperationTask, { workOrder });
  const task = tasks.find((t) => String(t.sequence) === operation || t.name === operation);
  if (!task) throw new RefusedError('operation_not_found', m.operationNotFound(workOrder.number, operation));
  return { workOrder, operation: task };
}
