import type { Actor } from '../../chat/audit/actor.js';
import type { ApiRequest } from './api-route.js';

/**
 * The calling system as the services' actor: the audit log names the key (`api:<prefix>`),
 * and people told about the change (an order cancelled under them) see the key's name.
 */
export function apiActor(request: ApiRequest<unknown>): Actor {
  return {
    person: { id: `api:${request.key.prefix}`, name: request.key.name, roles: [], teamId: undefined },
    channel: 'api',
    inboundEventId: null,
    at: request.services.clock.now(),
  };
}
