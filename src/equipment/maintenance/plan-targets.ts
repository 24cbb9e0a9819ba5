import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Clock } from '../../shared/clock.js';
import { Equipment } from '../equipment.entity.js';
import { MaintenanceCycle } from './maintenance-cycle.entity.js';
import { MaintenancePlan } from './maintenance-plan.entity.js';

export interface PlanTarget {
  plan: MaintenancePlan;
  equipment: Equipment;
}

/** Every (active plan, machine) pair: a plan for a type covers each machine of that type. */
export async function planTargets(em: EntityManager, onlyEquipment?: string): Promise<PlanTarget[]> {
  const machines = await em.find(Equipment, onlyEquipment ? { code: onlyEquipment } : {}, {
    orderBy: { code: 'asc' },
  });
  const plans = await em.find(
    MaintenancePlan,
    onlyEquipment
      ? {
          active: true,
          $or: [{ equipment: onlyEquipment }, { equipmentType: { $in: typesOf(machines) } }],
        }
      : { active: true },
    { orderBy: { id: 'asc' } },
  );
  const byCode = new Map(machines.map((e) => [e.code, e]));
  const byType = new Map<string, Equipment[]>();
  for (const e of machines) {
    if (!e.type) continue;
    const ofType = byType.get(e.type) ?? [];
    ofType.push(e);
    byType.set(e.type, ofType);
  }
  return plans.flatMap((plan) => {
    const covered = plan.equipment
      ? [byCode.get(plan.equipment.code)].filter((e) => e !== undefined)
      : (byType.get(plan.equipmentType ?? '') ?? []);
    return covered.map((equipment) => ({ plan, equipment }));
  });
}

const typesOf = (machines: Equipment[]) => machines.flatMap((e) => (e.type ? [e.type] : []));

/** The rounds under way, on one machine or on all. */
export async function cyclesOf(
  em: EntityManager,
  onlyEquipment?: string,
): Promise<Map<string, MaintenanceCycle>> {
  const cycles = await em.find(MaintenanceCycle, onlyEquipment ? { equipment: onlyEquipment } : {});
  return new Map(cycles.map((c) => [targetKey(c.plan.id, c.equipment.code), c]));
}

export const targetKey = (planId: number, equipmentCode: string) => `${planId}|${equipmentCode}`;

/**
 * Starts counting for pairs that have no round yet (a new plan, a machine added later): from
 * the machine's counter and the moment now, so a plan added to an old machine is not due at once.
 * Returns whether any round was started.
 */
export async function startMissingCycles(
  em: EntityManager,
  clock: Clock,
  targets: PlanTarget[],
  cycles: Map<string, MaintenanceCycle>,
): Promise<boolean> {
  const missing = targets.filter(({ plan, equipment }) => !cycles.has(targetKey(plan.id, equipment.code)));
  if (missing.length === 0) return false;
  // Another server may start the same round at the same moment: the unique pair keeps the first.
  await (em as SqlEntityManager)
    .createQueryBuilder(MaintenanceCycle)
    .insert(
      missing.map(({ plan, equipment }) => ({
        plan: plan.id,
        equipment: equipment.code,
        cycle: 1,
        baselineMinutes: equipment.runningMinutes,
        baselineAt: clock.now(),
      })),
    )
    .onConflict(['plan', 'equipment'])
    .ignore()
    .execute();
  return true;
}

/** After plans or machines changed (start-up sync, a plan made in chat). */
export async function ensureCycles(em: EntityManager, clock: Clock): Promise<void> {
  await startMissingCycles(em, clock, await planTargets(em), await cyclesOf(em));
}
