import type { Command } from '../../chat/commands/command.js';
import { attachSentPhoto, offerPhotoSlot } from '../../chat/photos/photo-slots.js';
import {
  acknowledgeException,
  closeException,
  exceptionAudience,
  findException,
  raiseException,
} from '../exception-service.js';
import { workOrderMessages as m } from '../messages.js';
import { loadOrder } from '../task-lookup.js';

export const raiseExceptionCommand: Command = {
  name: '异常',
  aliases: ['issue', '报异常'],
  roles: ['worker', 'team_lead', 'supervisor', 'qc', 'maintenance'],
  help: '上报缺料、设备故障、质量问题等异常',
  args: [
    { name: 'order', label: '工单号', kind: 'word' },
    { name: 'reason', label: '原因', kind: 'text' },
  ],
  async run(ctx, args) {
    const loaded = await loadOrder(ctx.em, String(args.order));
    const task = loaded.tasks.find((t) => t.status === 'in_progress' && t.assignee?.id === ctx.person.id);
    const exception = await raiseException(ctx.services, ctx.actor, loaded, task, String(args.reason));
    ctx.reply(
      m.exceptionRaised(exception.id, m.exceptionKindNames[exception.kind] ?? '', loaded.order.number),
    );
    await offerPhotoSlot(ctx, raiseExceptionCommand.name, {
      subjectType: 'exception',
      subjectId: exception.id,
      label: m.exceptionPhotoLabel(exception.id, loaded.order.number),
      notify: await exceptionAudience(ctx.em, ctx.actor),
    });
  },
  resume: (ctx, _step, state, answer) => attachSentPhoto(ctx, raiseExceptionCommand.name, state, answer),
};

const exceptionRef = [{ name: 'exception', label: '异常号', kind: 'word' } as const];
const handlers = ['team_lead', 'supervisor', 'qc', 'maintenance'] as const;

export const acknowledgeExceptionCommand: Command = {
  name: '处理',
  aliases: ['ack'],
  roles: [...handlers],
  help: '接手处理一个异常',
  args: exceptionRef,
  async run(ctx, args) {
    const exception = await findException(ctx.services, String(args.exception));
    acknowledgeException(ctx.services, ctx.actor, exception);
    ctx.reply(m.exceptionAcknowledged(exception.id, ctx.person.name));
  },
};

export const closeExceptionCommand: Command = {
  name: '关闭',
  aliases: ['close'],
  roles: [...handlers],
  help: '异常处理完毕后关闭它，可写说明：关闭 E3 已补料',
  args: [...exceptionRef, { name: 'note', label: '说明', kind: 'text', optional: true }],
  async run(ctx, args) {
    const exception = await findException(ctx.services, String(args.exception));
    const note = args.note === undefined ? null : String(args.note);
    const minutes = await closeException(ctx.services, ctx.actor, exception, note);
    ctx.reply(m.exceptionClosed(exception.id, minutes, note));
  },
};
