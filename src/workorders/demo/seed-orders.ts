import type { Actor } from '../../chat/audit/actor.js';
import type { DemoContext } from '../../demo/demo-context.js';
import { issueMaterial } from '../../materials/issue-service.js';
import type { Services } from '../../services.js';
import { inZone } from '../../shared/time.js';
import { dispatchTask, type DispatchTarget } from '../dispatch-service.js';
import { closeException, raiseException } from '../exception-service.js';
import { Item } from '../item.entity.js';
import { reportTask, startTask } from '../reporting-service.js';
import { RoutingStep } from '../routing-step.entity.js';
import { loadOrder } from '../task-lookup.js';
import { createWorkOrder, releaseWorkOrder } from '../work-order-service.js';
import { demoItems } from './demo-items.js';
import { demoOrders, type DemoStep } from './demo-orders.js';

/** The demo's products with their routings. */
export function seedItems({ em }: DemoContext): void {
  for (const { steps, ...item } of demoItems) {
    const created = em.create(Item, item);
    for (const step of steps) em.create(RoutingStep, { ...step, item: created });
  }
}

/** Twelve work orders played through the services at past moments: dispatch, reports, issues, exceptions. */
export async function seedOrders(ctx: DemoContext): Promise<void> {
  const { em, at, tz } = ctx;
  for (const spec of demoOrders) {
    await em.fork().transactional(async (tx) => {
      const deps: Services = ctx.unit(tx);
      const actor = (personId: string, when: Date) => ctx.actorOf(tx, personId, when);
      const created = at(spec.createdDay, '09:00');
      const dueDate = inZone(at(spec.dueDay, '12:00'), tz).format('YYYY-MM-DD');
      const order = await createWorkOrder(
        deps,
        await actor('chenjing', created),
        {
          itemCode: spec.item,
          quantity: spec.quantity,
          dueDate,
          customer: spec.customer,
          number: spec.number,
        },
        tz,
      );
      if (spec.state === 'planned') return;
      if (spec.state === 'cancelled') {
        order.status = 'cancelled';
        return;
      }
      await releaseWorkOrder(deps, await actor('chenjing', at(spec.createdDay, '09:30')), order);
      for (const step of spec.steps ?? []) await playStep(deps, order.number, step, at, actor);
      if (spec.state === 'closed') order.status = 'closed';
      for (const issue of spec.issues ?? []) {
        await issueMaterial(
          deps,
          await actor(issue.by, at(issue.day, '08:10')),
          await loadOrder(tx, order.number),
          issue.lot,
          issue.quantity,
        );
      }
      for (const ex of spec.exceptions ?? []) {
        const loaded = await loadOrder(tx, order.number);
        const raised = await raiseException(
          deps,
          await actor(ex.by, at(ex.day, ex.time)),
          loaded,
          undefined,
          ex.reason,
        );
        if (ex.closedAfterMinutes !== undefined) {
          const closedAt = new Date(raised.raisedAt.getTime() + ex.closedAfterMinutes * 60_000);
          await closeException(deps, await actor('wangfang', closedAt), raised);
        }
      }
    });
  }
}

async function playStep(
  deps: Services,
  number: string,
  step: DemoStep,
  at: (day: number, hhmm: string) => Date,
  actor: (personId: string, when: Date) => Promise<Actor>,
): Promise<void> {
  const pick = async () => {
    const loaded = await loadOrder(deps.em, number);
    return { loaded, task: loaded.tasks.find((t) => t.sequence === step.sequence) ?? loaded.tasks[0] };
  };
  const [firstDay, firstTime] = step.reports[0]
    ? [step.reports[0][0], '08:00']
    : [step.dispatchDay ?? -1, '08:00'];
  const target: DispatchTarget = step.to.startsWith('team:')
    ? { kind: 'team', teamId: step.to.slice(5) }
    : { kind: 'person', personId: step.to };
  let { loaded, task } = await pick();
  if (!task) return;
  await dispatchTask(
    deps,
    await actor(step.lead, at(firstDay, '07:45')),
    loaded,
    task,
    target,
    step.equipment,
  );
  if (step.reports.length === 0 && !step.started) return;
  const worker = step.to.startsWith('team:') ? step.lead : step.to;
  ({ loaded, task } = await pick());
  if (!task) return;
  await startTask(deps, await actor(worker, at(firstDay, firstTime)), loaded, task);
  for (const [day, time, good, scrap] of step.reports) {
    ({ loaded, task } = await pick());
    if (!task) return;
    await reportTask(deps, await actor(worker, at(day, time)), loaded, task, good, scrap);
  }
}
