import type { EntityManager } from '@mikro-orm/core';
import type { PersonView } from '../people/person-view.js';
import { RefusedError } from '../shared/errors.js';
import { outsourcingMessages as m } from './messages.js';
import { OutsourcingOrder } from './outsourcing-order.entity.js';
import { partnerScopeOf } from './partner-service.js';

/**
 * The order `number` as `person` may see it. Another partner's order is "not found", the
 * same answer as a number that does not exist, so a partner learns nothing about it.
 */
export async function orderFor(
  em: EntityManager,
  person: PersonView,
  number: string,
): Promise<OutsourcingOrder> {
  const scope = await partnerScopeOf(em, person);
  return orderInScope(em, number, scope);
}

export async function orderInScope(
  em: EntityManager,
  number: string,
  scope: string | null | undefined,
): Promise<OutsourcingOrder> {
  const order = await em.findOne(
    OutsourcingOrder,
    { number: number.trim().toUpperCase() },
    { populate: ['partner', 'contact', 'workOrder', 'operation'] },
  );
  if (!order || (scope !== undefined && order.partner.code !== scope)) {
    throw new RefusedError('outsourcing_order_not_found', m.orderNotFound(number), { number });
  }
  return order;
}
