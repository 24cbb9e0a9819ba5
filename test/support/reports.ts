import type { MikroORM } from '@mikro-orm/core';
import { WorkReport } from '../../src/workorders/work-report.entity.js';

/** The number the latest 报工 is shown with in replies, e.g. `B17`. */
export async function lastReportLabel(orm: MikroORM): Promise<string> {
  const [last] = await orm.em.fork().find(WorkReport, {}, { orderBy: { id: 'desc' }, limit: 1 });
  return `B${last?.id ?? ''}`;
}
