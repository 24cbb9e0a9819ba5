import { defineCapability } from '../capabilities/capability.js';
import { planningApiRoutes } from './api.js';
import { BomLine } from './bom-line.entity.js';
import { kittingCommand, loadCommand } from './commands.js';
import { planningConfig } from './config.js';
import { seedBoms } from './demo.js';
import { atRiskInDigest } from './digest-risks.js';

/** Capacity load over the coming days (factory calendar, machine downtime), the orders it makes late, and material kitting (齐套). */
export const planningCapability = defineCapability({
  name: 'planning',
  config: planningConfig,
  entities: [BomLine],
  events: { subscribers: [atRiskInDigest] },
  chat: { commands: [loadCommand, kittingCommand] },
  demo: { setup: seedBoms },
  api: { scopes: ['masterdata:write', 'workorders:read'], routes: planningApiRoutes },
});
