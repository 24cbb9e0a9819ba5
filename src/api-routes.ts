import { equipmentApiRoutes } from './equipment/api.js';
import type { ApiRoute } from './http/api/api-route.js';
import { outsourcingApiRoutes } from './outsourcing/api.js';
import { putPersonRoute } from './people/people-api.js';

/** Every REST operation under /api/v1, grouped by capability. */
export const apiRoutes = [
  putPersonRoute,
  ...outsourcingApiRoutes,
  ...equipmentApiRoutes,
] as unknown as ReadonlyArray<ApiRoute<never>>;
