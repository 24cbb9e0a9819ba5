import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Person } from '../../people/person.entity.js';

/**
 * A pay month: a row exists from the month's first earning on, open until a supervisor closes
 * it (结算); from then its entries are final and what a report of that month earns or takes back
 * afterwards lands in the next open month, pointing at the report it corrects. The row is the
 * month's lock: every earning takes it shared before it writes, the close takes it exclusively,
 * so an earning committing while the month closes lands either in the statement or in the next
 * month, never in a month already summed.
 */
export const PayMonth = defineEntity({
  name: 'PayMonth',
  tableName: 'pay_months',
  properties: {
    /** YYYY-MM, factory zone. */
    month: p.string().length(7).primary(),
    /** Null while the month is open. */
    closedAt: p.datetime(3).nullable(),
    closedBy: () => p.manyToOne(Person).nullable(),
  },
});

export type PayMonth = InferEntity<typeof PayMonth>;
