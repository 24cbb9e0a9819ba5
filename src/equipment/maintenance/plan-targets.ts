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
  const plans = await em.find(MaintenancePlan, { active: true }, { orderBy: { id: 'asc' } });
  const machines = await em.find(Equipment, onlyEquipment ? { code: onlyEquipment } : {}, {
    orderBy: { code: 'asc' },
  });
  return plans.flatMap((plan) =>
    machines
      .filter((e) => (plan.equipment ? e.code === plan.equipment.code : e.type === plan.equipmentType))
      .map((equipment) => ({ plan, equipment })),
  );
}

/**
 * Starts counting for pairs that have no round yet (a new plan, a machine added later): from
 * the machine's counter and the moment now, so a plan added to an old machine is not due at once.
 */
export async function ensureCycles(em: EntityManager, clock: Clock, onlyEquipment?: string): Promise<void> {
  const targets = await planTargets(em, onlyEquipment);
  const existing = await em.find(MaintenanceCycle, {}, { fields: ['plan', 'equipment'] });
  const have = new Set(existing.map((c) => `${c.plan.id}|${c.equipment.code}`));
  const missing = targets.filter(({ plan, equipment }) => !have.has(`${plan.id}|${equipment.code}`));
  if (missing.length === 0) return;
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
}
