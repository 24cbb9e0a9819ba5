import { formatDay } from '../../shared/display.js';
import type { EntityManager } from '@mikro-orm/core';
import type { Equipment } from '../equipment.entity.js';
import { equipmentMessages as m, hoursOf } from '../messages.js';
import { dueState, type DueState } from './due.js';
import { cyclesOf, planTargets, targetKey } from './plan-targets.js';

export interface PlanOutlook {
  planName: string;
  state: DueState;
}

/** Machine code → each plan on it and where its current round stands; one machine or all. */
export async function planOutlooks(
  em: EntityManager,
  now: Date,
  tz: string,
  onlyEquipment?: string,
): Promise<Map<string, PlanOutlook[]>> {
  const cycles = await cyclesOf(em, onlyEquipment);
  const outlooks = new Map<string, PlanOutlook[]>();
  for (const { plan, equipment } of await planTargets(em, onlyEquipment)) {
    const cycle = cycles.get(targetKey(plan.id, equipment.code));
    if (!cycle) continue;
    const state = dueState(plan, cycle, equipment.runningMinutes, now, tz);
    outlooks.set(equipment.code, [...(outlooks.get(equipment.code) ?? []), { planName: plan.name, state }]);
  }
  return outlooks;
}

/** 「运行到 720 小时（还差 24 小时）」, 「12-01 前」 (with the year when not this year), or both. */
export function dueText(state: DueState, equipment: Equipment, now: Date, tz: string): string {
  const hours =
    state.dueMinutes === undefined
      ? undefined
      : m.dueInHours(
          hoursOf(Math.max(0, state.dueMinutes - equipment.runningMinutes)),
          hoursOf(state.dueMinutes),
        );
  const day = state.dueDay === undefined ? undefined : m.dueOnDay(formatDay(state.dueDay, now, tz));
  return hours && day ? m.dueEither(hours, day) : (hours ?? day ?? '');
}
