import type { EntityManager } from '@mikro-orm/core';
import type { FactoryConfig } from '../config/factory-config.js';
import { Person } from '../people/person.entity.js';
import { Team } from '../people/team.entity.js';
import type { Clock } from '../shared/clock.js';
import { Equipment } from './equipment.entity.js';
import { ensureCycles } from './maintenance/plan-targets.js';
import { MaintenancePlan } from './maintenance/maintenance-plan.entity.js';

/**
 * Makes the database agree with `factory.yaml` on the machines and the plans it declares.
 * Machines the file does not mention (from the ERP) are left alone; a plan removed from the
 * file is switched off, not deleted, so its tasks keep their history. Runs after the people sync.
 */
export async function syncEquipment(em: EntityManager, config: FactoryConfig, clock: Clock): Promise<void> {
  await em.transactional(async (tx) => {
    for (const e of config.equipment) {
      const machine =
        (await tx.findOne(Equipment, e.code)) ?? tx.create(Equipment, { code: e.code, name: e.name });
      Object.assign(machine, {
        name: e.name,
        type: e.type ?? null,
        location: e.location ?? null,
        model: e.model ?? null,
        commissionedOn: e.commissionedOn ?? null,
        team: e.team === undefined ? null : tx.getReference(Team, e.team),
        responsible: e.responsible === undefined ? null : tx.getReference(Person, e.responsible),
      });
    }
    await tx.flush();
    const declared = new Set(config.maintenance.plans.map((p) => p.id));
    for (const p of config.maintenance.plans) {
      const plan =
        (await tx.findOne(MaintenancePlan, { code: p.id })) ??
        tx.create(MaintenancePlan, {
          code: p.id,
          name: p.name,
          checklist: [],
          source: 'config',
          createdAt: clock.now(),
        });
      Object.assign(plan, {
        name: p.name,
        equipment: p.equipment === undefined ? null : tx.getReference(Equipment, p.equipment),
        equipmentType: p.type ?? null,
        everyHours: p.everyHours ?? null,
        everyDays: p.everyDays ?? null,
        leadHours: p.leadHours ?? 0,
        leadDays: p.leadDays ?? 0,
        checklist: (p.checklist ?? []).map((c) => (typeof c === 'string' ? c : c.item)),
        requiredItems: (p.checklist ?? []).flatMap((c) =>
          typeof c !== 'string' && c.required ? [c.item] : [],
        ),
        responsiblePerson: p.person === undefined ? null : tx.getReference(Person, p.person),
        responsibleTeam: p.team === undefined ? null : tx.getReference(Team, p.team),
        active: true,
      });
    }
    const stale = await tx.find(MaintenancePlan, { source: 'config', active: true });
    for (const plan of stale) if (!declared.has(plan.code)) plan.active = false;
  });
  await ensureCycles(em, clock);
}
