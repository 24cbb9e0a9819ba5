import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { recordAudit, type Actor } from '../../chat/audit/actor.js';
import { withArabicNumerals } from '../../chat/text/chinese-number.js';
import type { Clock } from '../../shared/clock.js';
import { MaintenancePlan } from './maintenance-plan.entity.js';
import { ensureCycles } from './plan-targets.js';

export interface PlanTiming {
  everyHours: number | null;
  everyDays: number | null;
  leadHours: number;
  leadDays: number;
}

export interface NewPlan extends PlanTiming {
  name: string;
  equipmentCode: string | null;
  equipmentType: string | null;
  checklist: string[];
  /** The checklist items that must be ticked before the round counts as done. */
  requiredItems: string[];
  personId: string | null;
  teamId: string | null;
}

/**
 * 「720小时 90天 提前24小时 提前3天」, also 「五百小时 提前２４小时」 → the timing; undefined when
 * there is no interval or a lead is not shorter than its interval.
 */
export function readTiming(answer: string): PlanTiming | 'lead_too_long' | undefined {
  const text = withArabicNumerals(answer);
  const leadHours = /提前\s*(\d+)\s*(?:小时|h)/i.exec(text);
  const leadDays = /提前\s*(\d+)\s*天/.exec(text);
  const rest = text.replace(/提前\s*\d+\s*(?:小时|h|天)/gi, '');
  const hours = /(\d+)\s*(?:小时|h)/i.exec(rest);
  const days = /(\d+)\s*天/.exec(rest);
  const timing: PlanTiming = {
    everyHours: hours ? Number(hours[1]) : null,
    everyDays: days ? Number(days[1]) : null,
    leadHours: leadHours ? Number(leadHours[1]) : 0,
    leadDays: leadDays ? Number(leadDays[1]) : 0,
  };
  if (!timing.everyHours && !timing.everyDays) return undefined;
  if (
    (timing.leadHours > 0 && timing.leadHours >= (timing.everyHours ?? 0)) ||
    (timing.leadDays > 0 && timing.leadDays >= (timing.everyDays ?? 0))
  )
    return 'lead_too_long';
  return timing;
}

/** A plan made in chat: numbered P<id>, counting from the machines' counters now. */
export async function createPlan(
  em: EntityManager,
  clock: Clock,
  actor: Actor,
  input: NewPlan,
): Promise<MaintenancePlan> {
  const plan = em.create(MaintenancePlan, {
    code: `chat-${randomUUID()}`,
    name: input.name,
    equipment: input.equipmentCode,
    equipmentType: input.equipmentType,
    everyHours: input.everyHours,
    everyDays: input.everyDays,
    leadHours: input.leadHours,
    leadDays: input.leadDays,
    checklist: input.checklist,
    requiredItems: input.requiredItems,
    responsiblePerson: input.personId,
    responsibleTeam: input.teamId,
    source: 'chat',
    createdAt: clock.now(),
    createdBy: actor.person.id,
  });
  await em.flush();
  plan.code = `P${plan.id}`;
  recordAudit(em, actor, 'maintenance.plan.create', 'maintenance_plan', plan.id, { ...input });
  await em.flush();
  await ensureCycles(em, clock);
  return plan;
}
