import type { ShopfloorDeps } from '../workorders/shopfloor-deps.js';

/** What the equipment services need, whoever calls them (chat, API, job): the shop floor's parts. */
export type EquipmentDeps = ShopfloorDeps;
