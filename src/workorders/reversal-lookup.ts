import type { EntityManager, FilterQuery } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import { WorkReport } from './work-report.entity.js';

/**
 * A filter for reports no reversal matching `reversals` points at (every 撤销/更正 by default),
 * answered by the database in the same query as the rest of the filter.
 */
export function notReversedBy(
  em: EntityManager,
  reversals: FilterQuery<WorkReport> = {},
): FilterQuery<WorkReport> {
  const reversed = (em as SqlEntityManager)
    .createQueryBuilder(WorkReport, 'rv')
    .select('rv.reverses')
    .where({ $and: [{ reverses: { $ne: null } }, reversals] })
    .getKnexQuery();
  // MikroORM takes a knex sub-query as a value here; its filter types do not say so.
  return { id: { $nin: reversed } } as unknown as FilterQuery<WorkReport>;
}
