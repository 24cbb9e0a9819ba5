import type { ChatFeature } from './chat/feature.js';
import { equipmentFeature } from './equipment/feature.js';
import { incentivesFeature } from './incentives/feature.js';
import { outsourcingFeature } from './outsourcing/feature.js';
import { workOrderFeature } from './workorders/feature.js';

/** The capabilities the chat offers, in the order `帮助` lists them. */
export const features: ChatFeature[] = [
  workOrderFeature,
  equipmentFeature,
  outsourcingFeature,
  incentivesFeature,
];
