import { defineCapability } from '../capabilities/capability.js';
import { traceCommand } from './commands/trace-command.js';

/** Quality and traceability: for now the one-message trace (追溯) of a lot or an order. */
export const qualityCapability = defineCapability({
  name: 'quality',
  chat: { commands: [traceCommand] },
});
