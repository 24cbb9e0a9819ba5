import { defineCapability } from '../capabilities/capability.js';
import { traceRoute } from './api.js';
import { traceCommand } from './commands/trace-command.js';

/** Quality and traceability: the one-message trace (追溯) of a lot or an order, in chat and the API. */
export const qualityCapability = defineCapability({
  name: 'quality',
  chat: { commands: [traceCommand] },
  api: { scopes: ['quality:read'], routes: [traceRoute] },
});
