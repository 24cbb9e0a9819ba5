import type { ApiRoute } from './http/api/api-route.js';
import { putPersonRoute } from './people/people-api.js';

/** Every REST operation under /api/v1, grouped by capability. */
export const apiRoutes = [putPersonRoute] as unknown as ReadonlyArray<ApiRoute<never>>;
