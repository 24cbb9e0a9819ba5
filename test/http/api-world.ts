import { unitOf } from '../../src/app-services.js';
import { issueMaterial } from '../../src/materials/issue-service.js';
import { recordPatrol } from '../../src/quality/patrols/patrol-service.js';
import { correctReport } from '../../src/workorders/correction-service.js';
import { raiseException } from '../../src/workorders/exception-service.js';
import { dispatchTask } from '../../src/workorders/dispatch-service.js';
import { reportTask } from '../../src/workorders/reporting-service.js';
import { loadOrder } from '../../src/workorders/task-lookup.js';
import { consoleActor } from '../support/people.js';
import type { TestApp } from '../support/test-app.js';

/**
 * On a released order: 王芳 dispatches the first operation to 张伟, he reports 40 good, and
 * 李建国 corrects that report to nothing — a report and its reversal, through the services chat uses.
 */
export async function reportAndReverse(app: TestApp, number: string): Promise<void> {
  await app.orm.em.fork().transactional(async (em) => {
    const deps = unitOf(app.services, em);
    const actor = (id: string) => consoleActor(em, id, app.clock.now());
    const loaded = await loadOrder(em, number);
    const task = loaded.tasks[0]!;
    await dispatchTask(
      deps,
      await actor('wangfang'),
      loaded,
      task,
      { kind: 'person', personId: 'zhangwei' },
      undefined,
    );
    const { report } = await reportTask(deps, await actor('zhangwei'), loaded, task, 40, 0);
    await em.flush();
    await correctReport(deps, await actor('lijianguo'), `B${report.id}`, 0, 0);
    await em.flush();
  });
}

/** 王芳 issues `quantity` of `lot` to the order's first operation (领料), as chat does. */
export async function issueFromLot(
  app: TestApp,
  number: string,
  lot: string,
  quantity: number,
): Promise<void> {
  await app.orm.em.fork().transactional(async (em) => {
    const actor = await consoleActor(em, 'wangfang', app.clock.now());
    await issueMaterial(unitOf(app.services, em), actor, await loadOrder(em, number), lot, quantity);
  });
}

/** 张伟 raises an exception (异常) on the order, as chat does; returns its id. */
export async function raiseExceptionOn(app: TestApp, number: string, reason: string): Promise<number> {
  return app.orm.em.fork().transactional(async (em) => {
    const actor = await consoleActor(em, 'zhangwei', app.clock.now());
    const raised = await raiseException(
      unitOf(app.services, em),
      actor,
      await loadOrder(em, number),
      undefined,
      reason,
    );
    return raised.id;
  });
}

/** 李建国 records a 巡检 on the order's first operation: `checked` pieces, all good, as chat does; returns its id. */
export async function patrolOn(app: TestApp, number: string, checked: number): Promise<number> {
  return app.orm.em.fork().transactional(async (em) => {
    const actor = await consoleActor(em, 'lijianguo', app.clock.now());
    const loaded = await loadOrder(em, number);
    const inspection = recordPatrol(unitOf(app.services, em), actor, loaded, loaded.tasks[0]!, {
      checked,
      rejected: 0,
      reason: null,
      values: ['外径=25.01'],
    });
    await em.flush();
    return inspection.id;
  });
}
