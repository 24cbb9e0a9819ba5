import type { DemoContext } from '../demo/demo-context.js';
import { Item } from '../workorders/item.entity.js';
import { BomLine } from './bom-line.entity.js';

/**
 * The demo products' bills of material, in kg of the demo's two steels. Against the demo's lots
 * (3,500 kg Q235 and 1,400 kg 45# bar less what the history issues) every open order is kitted
 * but the last one planned: WO-DEMO-009's 300 定位销 need 180 kg of bar and the earlier orders
 * leave 32, so `齐套` has a shortage to show.
 */
const demoBoms: Array<[parent: string, component: string, kgPerPiece: number]> = [
  ['BRK-100', 'STL-Q235', 0.8],
  ['PLT-400', 'STL-Q235', 2.5],
  ['SHF-200', 'BAR-45', 2.4],
  ['FLG-300', 'BAR-45', 6],
  ['PIN-500', 'BAR-45', 0.6],
];

export function seedBoms({ em }: DemoContext): void {
  for (const [parent, component, quantityPer] of demoBoms)
    em.create(BomLine, {
      parent: em.getReference(Item, parent),
      component: em.getReference(Item, component),
      quantityPer,
      unit: 'kg',
    });
}
