import type { ChatFeature } from '../chat/feature.js';
import { maintenanceCardHandler, repairCardHandler } from './commands/cards.js';
import { completeMaintenanceCommand, postponeMaintenanceCommand } from './commands/maintenance-actions.js';
import { newPlanCommand } from './commands/plan-dialog.js';
import {
  acceptCommand,
  finishRepairCommand,
  reportRepairCommand,
  startRepairCommand,
  verifyCommand,
} from './commands/repair-actions.js';
import { restartCommand, stopCommand } from './commands/stop-commands.js';
import {
  equipmentCommand,
  equipmentListCommand,
  myRepairsCommand,
  plansCommand,
} from './commands/view-commands.js';

/** Equipment in chat: status and history, preventive maintenance, repair tickets, stops. */
export const equipmentFeature: ChatFeature = {
  commands: [
    reportRepairCommand,
    equipmentCommand,
    equipmentListCommand,
    myRepairsCommand,
    acceptCommand,
    startRepairCommand,
    finishRepairCommand,
    verifyCommand,
    completeMaintenanceCommand,
    postponeMaintenanceCommand,
    plansCommand,
    newPlanCommand,
    stopCommand,
    restartCommand,
  ],
  cards: [maintenanceCardHandler, repairCardHandler],
};
