import { defineCapability } from '../capabilities/capability.js';
import { materialApiRoutes } from './api.js';
import { issueMaterialCommand } from './commands/issue-material-command.js';
import { lotScan } from './commands/lot-scan.js';
import { seedLots } from './demo.js';
import { MaterialIssue } from './material-issue.entity.js';
import { MaterialLot } from './material-lot.entity.js';

/** Material lots received and issued to work orders (领料). */
export const materialsCapability = defineCapability({
  name: 'materials',
  entities: [MaterialLot, MaterialIssue],
  chat: { commands: [issueMaterialCommand], scans: [lotScan] },
  demo: { setup: seedLots },
  api: { scopes: ['materials:read', 'materials:write'], routes: materialApiRoutes },
});
