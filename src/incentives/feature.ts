import type { ChatFeature } from '../chat/feature.js';
import { awardCommand, deductCommand } from './commands/adjust-commands.js';
import { boardCommand } from './commands/board-command.js';
import { pointsCommand } from './commands/points-command.js';
import { rulesCommand } from './commands/rules-command.js';

/** Incentives in chat: points, the boards, the rules, and a supervisor's own awards. */
export const incentivesFeature: ChatFeature = {
  commands: [pointsCommand, boardCommand, rulesCommand, awardCommand, deductCommand],
};
