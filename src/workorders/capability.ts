import { defineCapability } from '../capabilities/capability.js';
import { workOrderApiRoutes, workOrderApiScopes } from './api.js';
import { workOrdersConfig } from './config.js';
import { workOrderEvents } from './events.js';
import { seedItems, seedOrders } from './demo/seed-orders.js';
import { workOrderFeature } from './feature.js';
import { Item } from './item.entity.js';
import { OperationTask } from './operation-task.entity.js';
import { shiftReportedTrigger } from './point-triggers/shift-reported.js';
import { taskFinishedTrigger } from './point-triggers/task-finished.js';
import { workReportTrigger } from './point-triggers/work-report.js';
import { ProductionException } from './production-exception.entity.js';
import { RoutingStep } from './routing-step.entity.js';
import { WorkOrder } from './work-order.entity.js';
import { WorkReport } from './work-report.entity.js';

/** The work-order loop: items and routings, orders and their operations, 报工, exceptions. */
export const workOrdersCapability = defineCapability({
  name: 'workorders',
  config: workOrdersConfig,
  entities: [Item, RoutingStep, WorkOrder, OperationTask, WorkReport, ProductionException],
  events: { emits: workOrderEvents },
  chat: workOrderFeature,
  demo: { setup: seedItems, history: seedOrders },
  pointTriggers: [workReportTrigger, taskFinishedTrigger, shiftReportedTrigger],
  api: { scopes: workOrderApiScopes, routes: workOrderApiRoutes },
});
