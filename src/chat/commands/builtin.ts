import { chatMessages as m } from '../messages.js';
import type { PendingDialogs } from '../dialogs/pending-dialogs.js';
import type { ChatFeature } from '../feature.js';
import { helpLine, mayUse, shownTo, type Command } from './command.js';
import { refusalFor } from './refusal.js';
import type { CommandRegistry } from './registry.js';

/**
 * `帮助` is generated from the registry, so it can never list a command the asker may not use;
 * `帮助 完工` shows one command, by any of its words, with the others it goes by.
 */
export function helpCommand(registry: CommandRegistry): Command {
  const name = '帮助';
  return {
    name,
    aliases: ['help', '?', '菜单'],
    roles: 'everyone',
    help: '查看您可以使用的命令',
    args: [{ name: 'command', label: '命令', kind: 'word', optional: true }],
    async run(ctx, args) {
      const roles = ctx.person.roles;
      if (args.command === undefined) {
        const available = registry.available(roles);
        // The example is a command of theirs that takes words after it (a partner's is 外发).
        const example = available.find((c) => c.args.length > 0 && c.name !== name);
        const lines = available.map((c) => helpLine(c, roles));
        return ctx.reply(
          [
            m.helpHeader(ctx.person.name),
            ...lines,
            ...(example ? [m.helpOneHint(example.name)] : []),
            m.helpFooter,
          ].join('\n'),
        );
      }
      const word = String(args.command);
      const command = registry.find(word);
      if (!command) return ctx.reply(m.unknownCommand(word, registry.suggest(word, roles)));
      if (!mayUse(command, roles)) return ctx.reply(refusalFor(command));
      const { usage, help } = shownTo(command, roles);
      const synonyms = command.aliases.filter((a) => /\p{Script=Han}/u.test(a));
      ctx.reply(m.helpOne(command.name, usage, help, synonyms));
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
