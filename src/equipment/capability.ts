import { defineCapability } from '../capabilities/capability.js';
import { equipmentConfig } from './config.js';
import { equipmentApiRoutes } from './api.js';
import { seedMachines } from './demo/seed-machines.js';
import { seedEquipment } from './demo/seed-equipment.js';
import { Downtime } from './downtime.entity.js';
import { EquipmentNotice } from './equipment-notice.entity.js';
import { syncEquipment } from './equipment-sync.js';
import { Equipment } from './equipment.entity.js';
import { equipmentEvents } from './events.js';
import { equipmentFeature } from './feature.js';
import { maintenanceWatchJob } from './jobs/maintenance-watch.job.js';
import { repairLimitsJob } from './jobs/repair-limits.job.js';
import { MaintenanceCycle } from './maintenance/maintenance-cycle.entity.js';
import { MaintenancePlan } from './maintenance/maintenance-plan.entity.js';
import { MaintenanceTask } from './maintenance/maintenance-task.entity.js';
import { maintenanceDoneTrigger, repairAcceptedTrigger } from './point-triggers.js';
import { RepairStep } from './repairs/repair-step.entity.js';
import { RepairTicket } from './repairs/repair-ticket.entity.js';
import { hoursOfReports, hoursOfReversals } from './report-hours.js';
import { EquipmentRunCredit } from './run-credit.entity.js';

/** Machines: running hours, preventive maintenance, repair tickets, stops. */
export const equipmentCapability = defineCapability({
  name: 'equipment',
  config: equipmentConfig,
  entities: [
    Equipment,
    EquipmentRunCredit,
    MaintenancePlan,
    MaintenanceCycle,
    MaintenanceTask,
    RepairTicket,
    RepairStep,
    Downtime,
    EquipmentNotice,
  ],
  events: { emits: equipmentEvents, subscribers: [hoursOfReports, hoursOfReversals] },
  chat: equipmentFeature,
  demo: { setup: seedMachines, history: seedEquipment },
  pointTriggers: [repairAcceptedTrigger, maintenanceDoneTrigger],
  jobs: (s) => [maintenanceWatchJob(s), repairLimitsJob(s)],
  api: { scopes: ['equipment:write'], routes: equipmentApiRoutes },
  syncAtStart: syncEquipment,
});
