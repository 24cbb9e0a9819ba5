import { wordChoice } from '../../chat/commands/arguments.js';
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
import { tellOperator } from './first-article-notices.js';
import { recordFirstArticle, rejectReason, type FirstArticleVerdict } from './inspection-service.js';
import { endInspectionAnswer } from './inspection-answer.js';
import { keepMeasurements, measure, splitMeasured } from './measurements.js';
import { inspectionMessages as m } from './messages.js';

/**
 * `首检 WO-7 工序10 合格` or `首检 WO-7 车削 不合格 D01 外圆大了0.02`: QC's verdict on the first
 * pieces of an operation the routing flags. The operation may be a bare number here: no
 * quantity follows it to be confused with. Left out (`首检 WO-7 合格`), it is the flagged
 * operation running, or the only one flagged; with several, QC is asked which.
 */
export const firstArticleCommand: Command = {
  name: '首检',
  aliases: ['first-article', '首件检验'],
  roles: ['qc'],
  help: m.firstArticleHelp,
  args: [
    { name: 'order', label: '工单号', kind: 'word' },
    { name: 'operation', label: '工序', kind: 'word', optional: true },
    wordChoice('verdict', [m.passWord, m.failWord]),
    { name: 'detail', label: '原因码 说明', kind: 'text', optional: true },
  ],
  async run(ctx, args) {
    const loaded = await loadOrder(ctx.em, String(args.order));
    const asked: AskedState = {
      order: loaded.order.number,
      verdict: String(args.verdict),
      detail: args.detail === undefined ? '' : String(args.detail),
    };
    if (args.operation !== undefined)
      return inspect(ctx, loaded, operationNamed(loaded, String(args.operation)), asked);
    const flagged = loaded.tasks.filter((t) => t.firstArticle && t.status !== 'done');
    const running = flagged.filter((t) => t.status === 'in_progress');
    const only = running.length === 1 ? running[0] : running.length === 0 ? soleOf(flagged) : undefined;
    if (only) return inspect(ctx, loaded, only, asked);
    if (flagged.length === 0)
      throw new RefusedError(
        'no_first_article',
        loaded.tasks.some((t) => t.firstArticle)
          ? m.flaggedAllDone(loaded.order.number)
          : m.noneFlagged(loaded.order.number),
      );
    const open = running.length > 0 ? running : flagged;
    await ctx.ask(
      firstArticleCommand.name,
      OPERATION_STEP,
      m.whichFirstArticle(loaded.order.number, open.map(operationLabel)),
      asked,
    );
  },
  async resume(ctx, step, state, answer) {
    if (step !== OPERATION_STEP) return attachSentPhoto(ctx, firstArticleCommand.name, state, answer);
    // A refused answer leaves the question open (the refusal rolls the turn back): it is answered again.
    const asked = state as AskedState;
    const loaded = await loadOrder(ctx.em, asked.order);
    await inspect(ctx, loaded, operationNamed(loaded, answer.trim()), asked);
  },
};

const OPERATION_STEP = 'operation';

/** What 首检 keeps while it asks which operation. */
interface AskedState {
  [key: string]: unknown;
  order: string;
  verdict: string;
  detail: string;
}

const soleOf = <T>(list: readonly T[]): T | undefined => (list.length === 1 ? list[0] : undefined);

async function inspect(
  ctx: CommandContext,
  loaded: OrderWithTasks,
  task: OperationTask,
  asked: AskedState,
): Promise<void> {
  const { measured, rest } = splitMeasured(asked.detail.split(/\s+/).filter(Boolean));
  const verdict = readVerdict(asked.verdict, rest.join(' '), ctx.config.quality.rejectReasons);
  const measurements = measure(task, measured);
  const inspection = await recordFirstArticle(ctx.services, ctx.actor, loaded, task, verdict);
  keepMeasurements(inspection, measured, measurements);
  const number = loaded.order.number;
  if (verdict.passed) {
    await tellOperator(ctx.services, task, m.firstArticlePassed(number, task.name, ctx.person.name));
    ctx.reply(m.recordedPass(number, task.name));
  } else {
    const reason = [verdict.reason?.name, verdict.note].filter(Boolean).join('，') || m.failWord;
    await tellOperator(ctx.services, task, m.firstArticleFailed(number, task.name, ctx.person.name, reason));
    ctx.reply(m.recordedFail(number, task.name, reason));
  }
  await endInspectionAnswer(ctx, firstArticleCommand.name, inspection, measurements, {
    kind: '首检',
    order: number,
    operation: task.name,
  });
}

/** 合格 [说明], or 不合格 [原因码 [说明]]: a failure's first word, when there is one, is its code. */
function readVerdict(
  word: string,
  detail: string | undefined,
  reasons: Parameters<typeof rejectReason>[0],
): FirstArticleVerdict {
  const note = detail?.trim() || undefined;
  if (word === m.passWord) return { passed: true, note };
  if (word !== m.failWord) throw new RefusedError('bad_verdict', m.badVerdict(word));
  if (note === undefined) return { passed: false };
  const [code = '', ...rest] = note.split(/\s+/);
  return { passed: false, reason: rejectReason(reasons, code), note: rest.join(' ') || undefined };
}
