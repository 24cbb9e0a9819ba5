import type { EntityManager } from '@mikro-orm/core';
import { RefusedError } from '../shared/errors.js';
import { Item } from '../workorders/item.entity.js';
import { BomLine } from './bom-line.entity.js';
import { planningMessages as m } from './messages.js';

export interface BomLineInput {
  component: string;
  quantityPer: number;
  /** When given, it must be the component's own unit: lots are kept in it and nothing is converted. */
  unit?: string;
}

/** An item's BOM lines in component-code order. */
export async function bomOf(em: EntityManager, item: Item): Promise<BomLine[]> {
  const lines = await em.find(BomLine, { parent: item }, { populate: ['component'] });
  return lines.sort((a, b) => a.component.code.localeCompare(b.component.code));
}

/**
 * Makes `item`'s bill of material exactly these lines. Every component must be a known item
 * other than the item itself, each once, in its own unit; otherwise nothing changes.
 */
export async function replaceBom(
  em: EntityManager,
  item: Item,
  input: readonly BomLineInput[],
): Promise<BomLine[]> {
  const codes = input.map((l) => l.component.toUpperCase());
  const duplicate = codes.find((c, i) => codes.indexOf(c) !== i);
  if (duplicate)
    throw new RefusedError('bom_duplicate_component', m.bomDuplicate(duplicate), { component: duplicate });
  if (codes.includes(item.code))
    throw new RefusedError('bom_self_component', m.bomSelf(item.code), { component: item.code });
  const components = codes.length === 0 ? [] : await em.find(Item, { code: { $in: codes } });
  const byCode = new Map(components.map((c) => [c.code, c]));
  const resolved = input.map((line, i) => {
    const component = byCode.get(codes[i]!);
    if (!component)
      throw new RefusedError('bom_unknown_component', m.bomUnknownComponent(line.component), {
        component: line.component,
      });
    if (line.unit !== undefined && line.unit !== component.unit)
      throw new RefusedError('bom_unit_mismatch', m.bomUnit(component.code, component.unit, line.unit), {
        component: component.code,
        unit: component.unit,
      });
    return { component, quantityPer: line.quantityPer, unit: component.unit };
  });
  await em.nativeDelete(BomLine, { parent: item, component: { $nin: codes } });
  const existing = await em.find(BomLine, { parent: item });
  for (const line of resolved) {
    const row = existing.find((r) => r.component.code === line.component.code);
    if (row) Object.assign(row, { quantityPer: line.quantityPer, unit: line.unit });
    else em.create(BomLine, { parent: item, ...line });
  }
  await em.flush();
  return bomOf(em, item);
}
