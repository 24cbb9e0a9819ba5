import { defineCapability } from '../capabilities/capability.js';
import { boardCommand } from './board-command.js';
import { boardConfig } from './config.js';
import { boardSubscribers } from './subscribers.js';
import { boardPages } from './web/routes.js';

/** The control-room wall screen: output against plan, risks, machines, open problems, outsourcing, KPIs, live. */
export const boardCapability = defineCapability({
  name: 'board',
  config: boardConfig,
  events: { subscribers: boardSubscribers },
  chat: { commands: [boardCommand] },
  pages: boardPages,
});
