import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Person } from '../../people/person.entity.js';

/**
 * A closed pay month (结算): its entries are final. What a report of that month earns or takes
 * back afterwards lands in the next open month, pointing at the report it corrects.
 */
export const PayMonth = defineEntity({
  name: 'PayMonth',
  tableName: 'pay_months',
  properties: {
    /** YYYY-MM, factory zone. */
    month: p.string().length(7).primary(),
    closedAt: p.datetime(3),
    closedBy: () => p.manyToOne(Person),
  },
});

export type PayMonth = InferEntity<typeof PayMonth>;
