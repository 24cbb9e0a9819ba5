import { wordChoice } from '../../chat/commands/arguments.js';
import type { Command } from '../../chat/commands/command.js';
import { RefusedError } from '../../shared/errors.js';
import { renameItem } from '../master-data-service.js';
import { workOrderMessages as m } from '../messages.js';

/**
 * 改名 物料 <编码> <新名称>: a planner fixes the name of an item kept here. One the ERP keeps
 * is refused with where to change it: the next sync would undo a change made in chat.
 */
export const renameCommand: Command = {
  name: '改名',
  aliases: ['rename'],
  roles: ['planner', 'supervisor'],
  help: '修改本地物料的名称（ERP 维护的物料请在 ERP 中修改）',
  args: [
    wordChoice('what', ['物料']),
    { name: 'code', label: '编码', kind: 'word' },
    { name: 'name', label: '新名称', kind: 'text' },
  ],
  async run(ctx, args) {
    const what = String(args.what);
    if (what !== '物料') throw new RefusedError('rename_what', m.renameWhat(what));
    const { item, from } = await renameItem(ctx.em, ctx.actor, String(args.code), String(args.name));
    ctx.reply(m.itemRenamed(item.code, from, item.name));
  },
};
