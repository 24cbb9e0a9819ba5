import type { Command } from '../../chat/commands/command.js';
import { RefusedError } from '../../shared/errors.js';
import { attachSentPhoto } from '../../chat/photos/photo-slots.js';
import type { CommandContext } from '../../chat/context.js';
import type { OperationTask } from '../../workorders/operation-task.entity.js';
import {
  loadOrder,
  operationLabel,
  operationNamed,
  type OrderWithTasks,
} from '../../workorders/task-lookup.js';
import type { RejectReason } from '../config.js';
import { offerInspectionPhoto } from '../inspections/inspection-answer.js';
import { rejectReason } from '../inspections/inspection-service.js';
import { outOfLimits } from '../inspections/measurements.js';
import { inspectionMessages } from '../inspections/messages.js';
import { patrolMessages as m } from './messages.js';
import { recordPatrol, type PatrolRecord } from './patrol-service.js';

/** `5 不合格 1 D01 外径=20.02 表面=OK`: the checked count first, then rejects and measurements. */
export function readPatrol(detail: string, reasons: readonly RejectReason[]): PatrolRecord {
  const words = detail.trim().split(/\s+/).filter(Boolean);
  const first = words.shift() ?? '';
  if (!/^\d+$/.test(first) || Number(first) <= 0) throw new RefusedError('bad_count', m.badCount(first));
  const record: PatrolRecord = { checked: Number(first), rejected: 0, reason: null, values: [] };
  while (words.length > 0) {
    const word = words.shift() as string;
    if (word === '不合格' && /^\d+$/.test(words[0] ?? '')) record.rejected = Number(words.shift());
    else if (/^[^=＝]+[=＝].+$/.test(word)) record.values.push(word.replace('＝', '='));
    else if (record.rejected > 0 && record.reason === null) record.reason = rejectReason(reasons, word);
    else throw new RefusedError('bad_patrol_word', m.badWord(word));
  }
  return record;
}

/**
 * `巡检 WO-7 工序10 5 不合格 1 D01 外径=20.02`: QC's in-process check of a running operation.
 * Without the operation, the one running is taken; with several running, QC is asked which, and
 * then for the counts when they were not written either.
 */
export const patrolCommand: Command = {
  name: '巡检',
  aliases: ['patrol', '过程检验'],
  roles: ['qc'],
  help: m.help,
  args: [
    { name: 'order', label: '工单号', kind: 'word' },
    { name: 'operation', label: '工序', kind: 'operation', optional: true },
    { name: 'detail', label: '抽检数 …', kind: 'text', optional: true },
  ],
  async run(ctx, args) {
    const loaded = await loadOrder(ctx.em, String(args.order));
    const detail = args.detail === undefined ? undefined : String(args.detail);
    if (args.operation !== undefined)
      return check(ctx, loaded, operationNamed(loaded, String(args.operation)), detail);
    const running = loaded.tasks.filter((t) => t.status === 'in_progress');
    if (running.length === 1) return check(ctx, loaded, running[0]!, detail);
    const open = running.length > 0 ? running : loaded.tasks.filter((t) => t.status !== 'done');
    const state: AskedState = { order: loaded.order.number, detail };
    return ctx.ask(
      patrolCommand.name,
      'operation',
      m.whichOperation(loaded.order.number, open.map(operationLabel)),
      state,
    );
  },
  async resume(ctx, step, state, answer) {
    if (step !== 'operation' && step !== 'detail')
      return attachSentPhoto(ctx, patrolCommand.name, state, answer);
    // A refused answer leaves the question open (the refusal rolls the turn back): it is answered again.
    const asked = state as AskedState;
    const loaded = await loadOrder(ctx.em, asked.order);
    if (step === 'operation') return check(ctx, loaded, operationNamed(loaded, answer.trim()), asked.detail);
    return check(ctx, loaded, operationNamed(loaded, String(asked.operation)), answer);
  },
};

/** What 巡检 remembers between its questions. */
interface AskedState {
  [key: string]: unknown;
  order: string;
  operation?: number;
  detail: string | undefined;
}

async function check(
  ctx: CommandContext,
  loaded: OrderWithTasks,
  task: OperationTask,
  detail: string | undefined,
): Promise<void> {
  if (detail === undefined || detail.trim() === '') {
    const state: AskedState = { order: loaded.order.number, operation: task.sequence, detail: undefined };
    return ctx.ask(patrolCommand.name, 'detail', m.askDetail(loaded.order.number, task.name), state);
  }
  const record = readPatrol(detail, ctx.config.quality.rejectReasons);
  const inspection = recordPatrol(ctx.services, ctx.actor, loaded, task, record);
  const outside = outOfLimits(inspection.measurements ?? []);
  ctx.reply(
    m.recorded(
      loaded.order.number,
      task.name,
      record.checked,
      record.rejected,
      record.reason ? `${record.reason.code} ${record.reason.name}` : '',
      record.values.join(' '),
    ) + (outside.length > 0 ? `\n${inspectionMessages.outOfLimits(outside)}` : ''),
  );
  await offerInspectionPhoto(ctx, patrolCommand.name, inspection, {
    kind: '巡检',
    order: loaded.order.number,
    operation: task.name,
  });
}
