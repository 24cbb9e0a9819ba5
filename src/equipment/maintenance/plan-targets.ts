import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
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
  for (const { plan, equipment } of targets) {
    if (have.has(`${plan.id}|${equipment.code}`)) continue;
    try {
      await em.fork().transactional(async (tx) => {
        tx.create(MaintenanceCycle, {
          plan: plan.id,
          equipment: equipment.code,
          baselineMinutes: equipment.runningMinutes,
          baselineAt: clock.now(),
        });
      });
    } catch (error) {
      // Another server started the same round a moment ago: theirs stands.
      if (!(error instanceof UniqueConstraintViolationException)) throw error;
    }
  }
}
