import { digestCapability } from '../digest/capability.js';
import { erpCapability } from '../erp/capability.js';
import { equipmentCapability } from '../equipment/capability.js';
import { incentivesCapability } from '../incentives/capability.js';
import { kpiCapability } from '../kpi/capability.js';
import { materialsCapability } from '../materials/capability.js';
import { outsourcingCapability } from '../outsourcing/capability.js';
import { payCapability } from '../pay/capability.js';
import { peopleCapability } from '../people/capability.js';
import { qualityCapability } from '../quality/capability.js';
import { ticketsCapability } from '../tickets/capability.js';
import { workOrdersCapability } from '../workorders/capability.js';
import type { Capability } from './capability.js';

/**
 * The capabilities this repository ships, in the order `帮助` lists their commands. Adding one
 * is its folder, its migration and one line here; plugins named in factory.yaml follow these.
 */
export const coreCapabilities: readonly Capability[] = [
  peopleCapability,
  workOrdersCapability,
  materialsCapability,
  digestCapability,
  equipmentCapability,
  outsourcingCapability,
  qualityCapability,
  incentivesCapability,
  payCapability,
  kpiCapability,
  erpCapability,
  ticketsCapability,
];
