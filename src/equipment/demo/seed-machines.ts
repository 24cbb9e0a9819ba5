import type { DemoContext } from '../../demo/demo-context.js';
import { Equipment } from '../equipment.entity.js';
import { demoEquipment } from './demo-machines.js';

export function seedMachines({ em }: DemoContext): void {
  for (const machine of demoEquipment) em.create(Equipment, machine);
}
