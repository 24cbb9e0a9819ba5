import { rowReadLock } from '../../db/locking.js';
import { defineRoute } from '../../http/api/api-route.js';
import { decodeCursor, encodeCursor, pageParameters, pageSizeOf } from '../../http/api/cursor-page.js';
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
  query: {
    since: { type: 'string', description: 'nextCursor of the previous call' },
    limit: pageParameters.limit,
  },
  response: {
    type: 'object',
    required: ['items', 'nextCursor'],
    additionalProperties: false,
    properties: {
      items: { type: 'array', items: workReportSchema },
      nextCursor: { type: ['string', 'null'] },
    },
  },
  async handle({ em, query }) {
    const size = pageSizeOf(query.limit);
    const since = query.since === undefined ? undefined : decodeCursor<number>(query.since, 'number');
    const rows = await em.find(WorkReport, since === undefined ? {} : { id: { $gt: since } }, {
      orderBy: { id: 'asc' },
      limit: size,
      ...rowReadLock(em),
      populate: ['task.workOrder', 'person', 'equipment'],
    });
    const last = rows.at(-1);
    return {
      body: {
        items: rows.map(workReportView),
        nextCursor: last ? encodeCursor(last.id) : (query.since ?? null),
      },
    };
  },
});
