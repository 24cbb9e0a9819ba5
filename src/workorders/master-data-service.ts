import type { EntityManager } from '@mikro-orm/core';
import { recordAudit, type Actor } from '../chat/audit/actor.js';
import { RefusedError } from '../shared/errors.js';
import { Item, type ITEM_KINDS, type ItemSource } from './item.entity.js';
import { workOrderMessages as m } from './messages.js';
import { RoutingStep, type RoutingCharacteristic, type RoutingParameter } from './routing-step.entity.js';

export interface ItemInput {
  name: string;
  unit?: string;
  kind?: (typeof ITEM_KINDS)[number];
  /** Who keeps it; an existing item keeps its own when absent, a new one is `local`. */
  source?: ItemSource;
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
  parameters?: RoutingParameter[];
  characteristics?: RoutingCharacteristic[];
}

export type RoutingParameterProblem =
  { kind: 'duplicate'; name: string } | { kind: 'backwards'; name: string; min: number; max: number };

/**
 * What is wrong with a step's declared parameters: a name twice (a report could not say which
 * it measured) or limits the wrong way round. Empty when they can be stored; each caller words it.
 */
export function routingParameterProblems(parameters: readonly RoutingParameter[]): RoutingParameterProblem[] {
  const problems: RoutingParameterProblem[] = [];
  const seen = new Set<string>();
  for (const p of parameters) {
    if (seen.has(p.name)) problems.push({ kind: 'duplicate', name: p.name });
    seen.add(p.name);
    if (p.min !== undefined && p.max !== undefined && p.min > p.max)
      problems.push({ kind: 'backwards', name: p.name, min: p.min, max: p.max });
  }
  return problems;
}

/** The ERP's item, under the ERP's code (upper-cased as chat and imports write it). */
export async function upsertItem(em: EntityManager, code: string, input: ItemInput): Promise<Item> {
  const values = {
    name: input.name,
    unit: input.unit ?? '件',
    kind: input.kind ?? 'finished',
    ...(input.source === undefined ? {} : { source: input.source }),
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
      parameters: step.parameters && step.parameters.length > 0 ? step.parameters : null,
      characteristics: step.characteristics && step.characteristics.length > 0 ? step.characteristics : null,
    };
    const row = existing.find((r) => r.sequence === step.sequence);
    kept.push(
      row ? Object.assign(row, values) : em.create(RoutingStep, { item, sequence: step.sequence, ...values }),
    );
  }
  await em.flush();
  return kept;
}

/**
 * Refuses a change from chat to master data the ERP keeps (the item, its routing, its BOM): the
 * next sync would overwrite it, and 单点录入 means the ERP is where it is changed. The API is
 * the ERP's own bridge and may still write.
 */
export function assertEditableInChat(item: Item): void {
  if (item.source === 'erp')
    throw new RefusedError('erp_owned', m.erpOwnedItem(item.code, item.name), { item: item.code });
}

/** 改名 物料: a planner renames a local item; the orders made from it show the new name. */
export async function renameItem(
  em: EntityManager,
  actor: Actor,
  code: string,
  name: string,
): Promise<{ item: Item; from: string }> {
  const item = await em.findOne(Item, code.trim().toUpperCase());
  if (!item) throw new RefusedError('item_not_found', m.itemNotFound(code.trim()));
  assertEditableInChat(item);
  const to = name.trim();
  if (to === '' || to.length > 200) throw new RefusedError('bad_item_name', m.badItemName);
  if (to === item.name) throw new RefusedError('same_item_name', m.itemNameUnchanged(item.code, to));
  const from = item.name;
  item.name = to;
  recordAudit(em, actor, 'item.rename', 'item', item.code, { from, to });
  return { item, from };
}
