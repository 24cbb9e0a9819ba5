import { rowReadLock } from '../../db/locking.js';
import { defineRoute } from '../../http/api/api-route.js';
import { feedOf, feedParameters, pageSchema } from '../../http/api/cursor-page.js';
import { WorkReport } from '../work-report.entity.js';
import { workReportSchema, workReportView } from './views.js';

export const listWorkReportsRoute = defineRoute({
  method: 'get',
  path: '/work-reports',
  scope: 'workorders:read',
  tag: 'workorders',
  summary:
    'Work reports (报工) after a cursor, oldest first, reversals included as reports with negative quantities. ' +
    'nextCursor is where to continue from, also on the last page, so a poller sends it back as ?since= next time',
  query: feedParameters,
  response: pageSchema(workReportSchema),
  async handle({ em, query }) {
    const read = (after: number | undefined, limit: number) =>
      em.find(WorkReport, after === undefined ? {} : { id: { $gt: after } }, {
        orderBy: { id: 'asc' },
        limit,
        ...rowReadLock(em),
        populate: ['task.workOrder', 'person', 'equipment'],
      });
    return { body: await feedOf(query, read, workReportView) };
  },
});
