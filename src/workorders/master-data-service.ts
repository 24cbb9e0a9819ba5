import type { EntityManager } from '@mikro-orm/core';
import { Item, type ITEM_KINDS } from './item.entity.js';
import { RoutingStep } from './routing-step.entity.js';

export interface ItemInput {
  name: string;
  unit?: string;
  kind?: (typeof ITEM_KINDS)[number];
  /** Pieces carry serial numbers; left out, they do not. */
  serialised?: boolean;
}

export interface RoutingStepInput {
  sequence: number;
  name: string;
  workCenter?: string | null;
  equipmentType?: string | null;
  standardMinutes: number;
  setupMinutes?: number;
}

/** The ERP's item, under the ERP's code (upper-cased as chat and imports write it). */
export async function upsertItem(em: EntityManager, code: string, input: ItemInput): Promise<Item> {
  const values = {
    name: input.name,
    unit: input.unit ?? '件',
    kind: input.kind ?? 'finished',
    serialised: input.serialised ?? false,
  };
  const existing = await em.findOne(Item, code.toUpperCase());
  if (existing) return Object.assign(existing, values);
  return em.create(Item, { code: code.toUpperCase(), ...values });
}

/**
 * Makes the item's routing exactly these steps. Work orders already made keep the operations
 * they were made with (each copied its steps), so steps can be dropped here safely.
 */
export async function replaceRouting(
  em: EntityManager,
  item: Item,
  steps: readonly RoutingStepInput[],
): Promise<RoutingStep[]> {
  const sequences = steps.map((s) => s.sequence);
  // Dropped first, in SQL: a kept sequence number must not meet its old row at the unique index.
  await em.nativeDelete(RoutingStep, { item, sequence: { $nin: sequences } });
  const existing = await em.find(RoutingStep, { item });
  const kept = [];
  for (const step of [...steps].sort((a, b) => a.sequence - b.sequence)) {
    const values = {
      name: step.name,
      workCenter: step.workCenter ?? null,
      equipmentType: step.equipmentType ?? null,
      standardMinutes: step.standardMinutes,
      setupMinutes: step.setupMinutes ?? 0,
    };
    const row = existing.find((r) => r.sequence === step.sequence);
    kept.push(
      row ? Object.assign(row, values) : em.create(RoutingStep, { item, sequence: step.sequence, ...values }),
    );
  }
  await em.flush();
  return kept;
}
