import { pointTriggersOf } from '../../capabilities/assembled.js';
import type { Command } from '../../chat/commands/command.js';
import { incentiveMessages as m } from '../messages.js';
import { activeRules } from '../rules/active-rules.js';

/** 规则: the rules of factory.yaml in plain Chinese, so nobody has to ask how points are earned. */
export const rulesCommand: Command = {
  name: '规则',
  aliases: ['rules', '积分规则'],
  roles: 'staff',
  help: m.rulesHelp,
  args: [],
  async run(ctx) {
    const { leaderboardDay, leaderboardTime } = ctx.config.incentives;
    ctx.reply(
      m.rules(activeRules(ctx.config, pointTriggersOf(ctx.capabilities)), leaderboardDay, leaderboardTime),
    );
  },
};
