import { defineCapability } from '../capabilities/capability.js';
import { jobTicketRoute, lotLabelsRoute } from './api.js';
import { printCommand } from './commands/print-command.js';
import { ticketsConfig } from './config.js';
import { printPages } from './pages.js';

/** Printed job tickets (one QR code per operation, for 扫码报工) and material lot labels. */
export const ticketsCapability = defineCapability({
  name: 'tickets',
  config: ticketsConfig,
  chat: { commands: [printCommand] },
  api: { scopes: ['printing:read'], routes: [jobTicketRoute, lotLabelsRoute] },
  pages: printPages,
});
