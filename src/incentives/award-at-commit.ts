import type { FollowUp } from '../chat/follow-ups.js';
import type { OperationTask } from '../workorders/operation-task.entity.js';
import type { WorkReport } from '../workorders/work-report.entity.js';
import { awardRecords } from './evaluation-service.js';

/**
 * The points of a 报工, paid once it is committed: the report itself and the operations it
 * finished, keyed by their ids like the job keys them (`work_report:<id>`), so `积分` right
 * after shows them, the job finds them paid, and a reversal can find what a report earned.
 */
export function awardAtCommit(report: WorkReport, finished: readonly OperationTask[]): FollowUp {
  return async ({ em, config, tz, clock }) => {
    const deps = { em, config, tz, now: clock.now() };
    await awardRecords(deps, 'work_report', [report.id]);
    await awardRecords(
      deps,
      'task_finished',
      finished.map((t) => t.id),
    );
  };
}
