import type { DemoContext } from '../demo/demo-context.js';
import { MaterialLot } from './material-lot.entity.js';

/** The lots the demo's work orders draw material from, received from two mills a week before the seeding day. */
const demoLots = [
  { lotNumber: 'L2611-Q235-01', item: 'STL-Q235', quantity: 2000, supplier: '宝钢上海' },
  { lotNumber: 'L2611-Q235-02', item: 'STL-Q235', quantity: 1500, supplier: '宝钢上海' },
  { lotNumber: 'L2611-B45-01', item: 'BAR-45', quantity: 800, supplier: '江苏永钢' },
  { lotNumber: 'L2611-B45-02', item: 'BAR-45', quantity: 600, supplier: '江苏永钢' },
];

export function seedLots({ em, clock }: DemoContext): void {
  const weekAgo = new Date(clock.now().getTime() - 7 * 86_400_000);
  for (const lot of demoLots)
    em.create(MaterialLot, { ...lot, remaining: lot.quantity, receivedAt: weekAgo });
}
