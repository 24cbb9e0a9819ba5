import type { Command } from '../../chat/commands/command.js';
import type { CommandContext } from '../../chat/context.js';
import { personByMention } from '../../people/directory.js';
import { hasRole, type PersonView } from '../../people/person-view.js';
import { Team } from '../../people/team.entity.js';
import { RefusedError } from '../../shared/errors.js';
import { dispatchTask, type DispatchTarget } from '../dispatch-service.js';
import { workOrderMessages as m } from '../messages.js';
import { loadOrder, pickTask } from '../task-lookup.js';
import { readYesNo } from '../../chat/commands/arguments.js';

const DISPATCH = '派工';

interface DispatchRequest {
  order: string;
  operation: string;
  equipment?: string;
  target: string;
}

/** A lead's own team is theirs to dispatch to; anyone else's is asked about first (是/否). */
function outsideLeadsTeam(ctx: CommandContext, person: PersonView | undefined, team: Team | null): boolean {
  if (hasRole(ctx.person, 'supervisor') || !hasRole(ctx.person, 'team_lead')) return false;
  const targetTeam = person ? person.teamId : team?.id;
  return targetTeam !== ctx.person.teamId;
}

async function dispatch(ctx: CommandContext, request: DispatchRequest, confirmed: boolean): Promise<void> {
  const loaded = await loadOrder(ctx.em, request.order);
  const task = pickTask(loaded, ctx.person, request.operation);
  const name = request.target.replace(/^@/, '').trim();
  const person = await personByMention(ctx.em, name);
  const team = person ? null : await ctx.em.findOne(Team, { $or: [{ id: name }, { name }] });
  if (!person && !team) throw new RefusedError('dispatch_target_unknown', m.dispatchTargetUnknown(name));
  if (!confirmed && outsideLeadsTeam(ctx, person, team)) {
    const question = m.confirmOutsideTeam(loaded.order.number, task.name, person?.name ?? team?.name ?? name);
    return ctx.ask(DISPATCH, 'outside_team', question, { ...request });
  }
  const target: DispatchTarget = person
    ? { kind: 'person', personId: person.id }
    : { kind: 'team', teamId: team?.id ?? '' };
  const to = await dispatchTask(ctx.services, ctx.actor, loaded, task, target, request.equipment);
  ctx.reply(m.dispatched(loaded.order.number, task.name, to, task.equipment?.code));
}

export const dispatchCommand: Command = {
  name: DISPATCH,
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
    const request: DispatchRequest = {
      order: String(args.order),
      operation: String(args.operation),
      target: String(args.target),
      ...(args.equipment === undefined ? {} : { equipment: String(args.equipment) }),
    };
    await dispatch(ctx, request, false);
  },
  async resume(ctx, _step, state, answer) {
    const confirmed = readYesNo(answer);
    const request = state as unknown as DispatchRequest;
    if (confirmed === undefined) return dispatch(ctx, request, false);
    if (!confirmed) return ctx.reply(m.dispatchNotDone);
    await dispatch(ctx, request, true);
  },
};
