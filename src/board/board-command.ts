import type { Command } from '../chat/commands/command.js';
import { createBoardLink } from '../outsourcing/board-service.js';
import { formatDateTime } from '../shared/display.js';
import { boardMessages as m } from './messages.js';

/** 大屏: a link that opens the control-room board on a wall screen, no login. */
export const boardCommand: Command = {
  name: '大屏',
  aliases: ['control-room'],
  roles: ['supervisor', 'manager'],
  help: m.commandHelp,
  args: [],
  async run(ctx) {
    const now = ctx.clock.now();
    const { token, expiresAt } = await createBoardLink(ctx.em, {
      createdBy: ctx.person.id,
      now,
      days: ctx.config.board.linkDays,
    });
    ctx.reply(m.linkCreated(`${ctx.publicUrl}/board?token=${token}`, formatDateTime(expiresAt, now, ctx.tz)));
  },
};
