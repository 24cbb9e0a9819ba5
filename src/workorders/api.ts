import {
  createWorkOrderRoute,
  cancelWorkOrderRoute,
  getWorkOrderRoute,
  listWorkOrdersRoute,
  releaseWorkOrderRoute,
} from './api/order-routes.js';
import { getItemRoute, listItemsRoute, putItemRoute, putRoutingRoute } from './api/item-routes.js';
import { getExceptionRoute, listExceptionsRoute } from './api/exception-routes.js';
import { listWorkReportsRoute } from './api/report-routes.js';

/** The work-order records under /api/v1: master data in from the ERP, orders both ways, reports out. */
export const workOrderApiRoutes = [
  putItemRoute,
  listItemsRoute,
  getItemRoute,
  putRoutingRoute,
  createWorkOrderRoute,
  listWorkOrdersRoute,
  getWorkOrderRoute,
  releaseWorkOrderRoute,
  cancelWorkOrderRoute,
  listWorkReportsRoute,
  listExceptionsRoute,
  getExceptionRoute,
];

export const workOrderApiScopes = ['masterdata:write', 'workorders:read', 'workorders:write'];
