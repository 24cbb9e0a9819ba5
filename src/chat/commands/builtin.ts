import { chatMessages as m } from '../messages.js';
import type { PendingDialogs } from '../dialogs/pending-dialogs.js';
import type { ChatFeature } from '../feature.js';
import { helpLine, type Command } from './command.js';
import type { CommandRegistry } from './registry.js';

/** `帮助` is generated from the registry, so it can never list a command the asker may not use. */
export function helpCommand(registry: CommandRegistry): Command {
  return {
    name: '帮助',
    aliases: ['help', '?', '菜单'],
    roles: 'everyone',
    help: '查看您可以使用的命令',
    args: [],
    async run(ctx) {
      const lines = registry.available(ctx.person.roles).map((c) => helpLine(c, ctx.person.roles));
      ctx.reply([m.helpHeader(ctx.person.name), ...lines, m.helpFooter].join('\n'));
    },
  };
}

export function cancelCommand(dialogs: PendingDialogs): Command {
  return {
    name: '取消',
    aliases: ['cancel'],
    roles: 'everyone',
    help: '结束正在进行的对话',
    args: [],
    async run(ctx) {
      ctx.reply((await dialogs.close(ctx.em, ctx.person.id, ctx.event)) ? m.cancelled : m.nothingToCancel);
    },
  };
}

/** The chat's own commands, offered before every capability's. */
export function builtinFeature(registry: CommandRegistry, dialogs: PendingDialogs): ChatFeature {
  return { commands: [helpCommand(registry), cancelCommand(dialogs)] };
}
