import type { Command } from '../../chat/commands/command.js';
import { personByMention } from '../../people/directory.js';
import { Team } from '../../people/team.entity.js';
import { RefusedError } from '../../shared/errors.js';
import { dispatchTask, type DispatchTarget } from '../dispatch-service.js';
import { workOrderMessages as m } from '../messages.js';
import { loadOrder, pickTask } from '../task-lookup.js';
import { depsOf } from './deps.js';

export const dispatchCommand: Command = {
  name: '派工',
  aliases: ['dispatch'],
  roles: ['team_lead', 'supervisor'],
  help: '把工序派给工人（@姓名）或班组，可指定设备',
  args: [
    { name: 'order', label: '工单号', kind: 'word' },
    { name: 'operation', label: '工序', kind: 'word' },
    { name: 'equipment', label: '设备编号', kind: 'word', optional: true, keywords: ['设备', 'on'] },
    { name: 'target', label: '@工人或班组', kind: 'text' },
  ],
  async run(ctx, args) {
    const loaded = await loadOrder(ctx.em, String(args.order));
    const task = pickTask(loaded, ctx.person, String(args.operation));
    const name = String(args.target).replace(/^@/, '').trim();
    const person = await personByMention(ctx.em, name);
    const team = person ? null : await ctx.em.findOne(Team, { $or: [{ id: name }, { name }] });
    if (!person && !team) throw new RefusedError('dispatch_target_unknown', m.dispatchTargetUnknown(name));
    const target: DispatchTarget = person
      ? { kind: 'person', personId: person.id }
      : { kind: 'team', teamId: team?.id ?? '' };
    const to = await dispatchTask(
      depsOf(ctx),
      ctx.actor,
      loaded,
      task,
      target,
      args.equipment as string | undefined,
    );
    ctx.reply(m.dispatched(loaded.order.number, task.name, to));
  },
};
