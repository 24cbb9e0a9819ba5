import type { EntityManager } from '@mikro-orm/core';
import type { Actor } from '../chat/audit/actor.js';
import { Outbox } from '../chat/outbox/outbox.js';
import { RecipientRouter } from '../chat/outbox/recipient-router.js';
import type { Capability } from '../capabilities/capability.js';
import { defaultFactoryConfig } from '../capabilities/default-config.js';
import { coreCapabilities } from '../capabilities/index.js';
import { standaloneUnit } from '../capabilities/standalone-unit.js';
import type { FactoryConfig } from '../config/factory-config.js';
import { personById } from '../people/directory.js';
import { syncPeople } from '../people/people-sync.js';
import type { Clock } from '../shared/clock.js';
import { atLocalTime } from '../shared/time.js';
import { WorkOrder } from '../workorders/work-order.entity.js';
import { demoPeople, demoTeams } from './demo-cast.js';
import type { DemoContext } from './demo-context.js';

export class DemoAlreadySeededError extends Error {
  constructor() {
    super('The database already has work orders; the demo data is only seeded into an empty factory.');
  }
}

/**
 * Builds the demo shop from each capability's demo part (`demo` in its declaration), through
 * the same services the chat uses, so the history is one the rules allow. Pushes of the past
 * are not sent: the services get an outbox with no channels. The week of history is scored
 * under `scoring`'s incentive rules (the factory's own, by default the built-in ones), so 积分
 * and 排行 have points to show on any weekday.
 */
export async function seedDemo(
  em: EntityManager,
  clock: Clock,
  tz: string,
  scoring: FactoryConfig = defaultFactoryConfig,
  capabilities: readonly Capability[] = coreCapabilities,
): Promise<{ orders: number }> {
  if ((await em.count(WorkOrder)) > 0) throw new DemoAlreadySeededError();
  const config: FactoryConfig = { ...defaultFactoryConfig, teams: demoTeams, people: demoPeople };
  await syncPeople(em, config);
  const outbox = new Outbox(new RecipientRouter([]), clock);
  const today = clock.now();
  const ctx = (on: EntityManager): DemoContext => ({
    em: on,
    clock,
    tz,
    config,
    scoring,
    outbox,
    actorOf,
    unit: (unitEm, at = clock) => standaloneUnit(unitEm, { clock: at, outbox, config, tz, capabilities }),
    at: (day, hhmm) => atLocalTime(new Date(today.getTime() + day * 86_400_000), hhmm, tz),
  });
  await em.transactional(async (tx) => {
    for (const c of capabilities) c.demo?.setup?.(ctx(tx));
  });
  for (const c of capabilities) await c.demo?.history?.(ctx(em.fork()));
  return { orders: await em.fork().count(WorkOrder) };
}

/** Today's demo moments run to this factory time (the repairs the equipment demo opens at 09:35). */
const DEMO_DAY_ENDS = '09:40';

/**
 * The clock `npm run seed:demo` seeds with: the real one, or, earlier in the day than the demo
 * day's last moment, one running behind it from last evening's 20:00, so that no demo record
 * (a repair reported at 08:40 "today") lies ahead of the time people try the demo at.
 */
export function demoSeedingClock(clock: Clock, tz: string): Clock {
  const now = clock.now();
  if (now >= atLocalTime(now, DEMO_DAY_ENDS, tz)) return clock;
  const lastEvening = atLocalTime(new Date(now.getTime() - 86_400_000), '20:00', tz);
  const behind = now.getTime() - lastEvening.getTime();
  return { now: () => new Date(clock.now().getTime() - behind) };
}

async function actorOf(em: EntityManager, personId: string, at: Date): Promise<Actor> {
  const person = await personById(em, personId);
  if (!person) throw new Error(`demo cast has no ${personId}`);
  return { person, channel: 'console', inboundEventId: null, at };
}
