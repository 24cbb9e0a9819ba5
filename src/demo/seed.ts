import { pointTriggersOf } from '../capabilities/assembled.js';
import { coreCapabilities } from '../capabilities/index.js';
import { standaloneUnit } from '../capabilities/standalone-unit.js';
import type { Services } from '../services.js';
import type { EntityManager } from '@mikro-orm/core';
import { Outbox } from '../chat/outbox/outbox.js';
import { RecipientRouter } from '../chat/outbox/recipient-router.js';
import type { Actor } from '../chat/audit/actor.js';
import { type FactoryConfig } from '../config/factory-config.js';
import { defaultFactoryConfig } from '../capabilities/default-config.js';
import { Equipment } from '../equipment/equipment.entity.js';
import { MaterialLot } from '../materials/material-lot.entity.js';
import { evaluateIncentives } from '../incentives/evaluation-service.js';
import { issueMaterial } from '../materials/issue-service.js';
import { personById } from '../people/directory.js';
import { syncPeople } from '../people/people-sync.js';
import type { Clock } from '../shared/clock.js';
import { atLocalTime, inZone } from '../shared/time.js';
import { dispatchTask, type DispatchTarget } from '../workorders/dispatch-service.js';
import { closeException, raiseException } from '../workorders/exception-service.js';
import { Item } from '../workorders/item.entity.js';
import { reportTask, startTask } from '../workorders/reporting-service.js';
import { RoutingStep } from '../workorders/routing-step.entity.js';
import { loadOrder } from '../workorders/task-lookup.js';
import { WorkOrder } from '../workorders/work-order.entity.js';
import { createWorkOrder, releaseWorkOrder } from '../workorders/work-order-service.js';
import { demoEquipment, demoItems, demoLots, demoPeople, demoTeams } from './demo-cast.js';
import { seedEquipment } from './demo-equipment.js';
import { seedOutsourcing } from './demo-outsourcing.js';
import { demoOrders, type DemoStep } from './demo-orders.js';

export class DemoAlreadySeededError extends Error {
  constructor() {
    super('The database already has work orders; the demo data is only seeded into an empty factory.');
  }
}

/**
 * Builds the demo shop through the same services the chat uses, so the history is one the
 * rules allow. Pushes of the past are not sent: the services get an outbox with no channels.
 * The week of history is scored under `scoring`'s incentive rules (the factory's own, by
 * default the built-in ones), so 积分 and 排行 have points to show on any weekday.
 */
export async function seedDemo(
  em: EntityManager,
  clock: Clock,
  tz: string,
  scoring: FactoryConfig = defaultFactoryConfig,
): Promise<{ orders: number }> {
  if ((await em.count(WorkOrder)) > 0) throw new DemoAlreadySeededError();
  const config: FactoryConfig = { ...defaultFactoryConfig, teams: demoTeams, people: demoPeople };
  await syncPeople(em, config);
  await em.transactional(async (tx) => {
    for (const e of demoEquipment) tx.create(Equipment, e);
    for (const { steps, ...item } of demoItems) {
      const created = tx.create(Item, item);
      for (const step of steps) tx.create(RoutingStep, { ...step, item: created });
    }
    const weekAgo = new Date(clock.now().getTime() - 7 * 86_400_000);
    for (const lot of demoLots)
      tx.create(MaterialLot, { ...lot, remaining: lot.quantity, receivedAt: weekAgo });
  });

  const silent = new Outbox(new RecipientRouter([]), clock);
  const today = clock.now();
  const at = (day: number, hhmm: string) =>
    atLocalTime(new Date(today.getTime() + day * 86_400_000), hhmm, tz);

  for (const spec of demoOrders) {
    await em.fork().transactional(async (tx) => {
      const deps: Services = standaloneUnit(tx, { clock, outbox: silent, config, tz });
      const actor = (personId: string, when: Date) => actorOf(tx, personId, when);
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
      releaseWorkOrder(deps, await actor('chenjing', at(spec.createdDay, '09:30')), order);
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
          closeException(deps, await actor('wangfang', closedAt), raised);
        }
      }
    });
  }
  await seedOutsourcing(em.fork(), clock, tz, config, silent);
  await seedEquipment(em.fork(), today, tz, config, silent, actorOf);
  const triggers = pointTriggersOf(coreCapabilities);
  await evaluateIncentives({ em: em.fork(), config: scoring, tz, now: clock.now(), triggers });
  return { orders: demoOrders.length };
}

async function actorOf(em: EntityManager, personId: string, at: Date): Promise<Actor> {
  const person = await personById(em, personId);
  if (!person) throw new Error(`demo cast has no ${personId}`);
  return { person, channel: 'console', inboundEventId: null, at };
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
