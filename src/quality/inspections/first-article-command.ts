import { wordChoice } from '../../chat/commands/arguments.js';
import type { Command } from '../../chat/commands/command.js';
import { RefusedError } from '../../shared/errors.js';
import { photoMessages } from '../photos/messages.js';
import { attachSentPhoto, offerPhotoSlot } from '../../chat/photos/photo-slots.js';
import { loadOrder, operationNamed } from '../../workorders/task-lookup.js';
import { tellOperator } from './first-article-notices.js';
import { recordFirstArticle, rejectReason, type FirstArticleVerdict } from './inspection-service.js';
import { keepMeasurements, measure, outOfLimits, splitMeasured } from './measurements.js';
import { inspectionMessages as m } from './messages.js';

/**
 * `首检 WO-7 工序10 合格` or `首检 WO-7 车削 不合格 D01 外圆大了0.02`: QC's verdict on the first
 * pieces of an operation the routing flags. The operation may be a bare number here: no
 * quantity follows it to be confused with.
 */
export const firstArticleCommand: Command = {
  name: '首检',
  aliases: ['first-article', '首件检验'],
  roles: ['qc'],
  help: m.firstArticleHelp,
  args: [
    { name: 'order', label: '工单号', kind: 'word' },
    { name: 'operation', label: '工序', kind: 'word' },
    wordChoice('verdict', ['合格', '不合格']),
    { name: 'detail', label: '原因码 说明', kind: 'text', optional: true },
  ],
  async run(ctx, args) {
    const loaded = await loadOrder(ctx.em, String(args.order));
    const task = operationNamed(loaded, String(args.operation));
    const { measured, rest } = splitMeasured(
      String(args.detail ?? '')
        .split(/\s+/)
        .filter(Boolean),
    );
    const verdict = readVerdict(String(args.verdict), rest.join(' '), ctx.config.quality.rejectReasons);
    const measurements = measure(task, measured);
    const inspection = await recordFirstArticle(ctx.services, ctx.actor, loaded, task, verdict);
    keepMeasurements(inspection, measured, measurements);
    const number = loaded.order.number;
    if (verdict.passed) {
      await tellOperator(ctx.services, task, m.firstArticlePassed(number, task.name, ctx.person.name));
      ctx.reply(m.recordedPass(number, task.name));
    } else {
      const reason = [verdict.reason?.name, verdict.note].filter(Boolean).join('，') || m.failWord;
      await tellOperator(
        ctx.services,
        task,
        m.firstArticleFailed(number, task.name, ctx.person.name, reason),
      );
      ctx.reply(m.recordedFail(number, task.name, reason));
    }
    const outside = outOfLimits(measurements);
    if (outside.length > 0) ctx.reply(m.outOfLimits(outside));
    await ctx.em.flush(); // the photo slot names the inspection by its id
    await offerPhotoSlot(ctx, firstArticleCommand.name, {
      subjectType: 'inspection',
      subjectId: inspection.id,
      label: photoMessages.inspectionLabel('首检', number, task.name),
    });
  },
  resume: (ctx, _step, state, answer) => attachSentPhoto(ctx, firstArticleCommand.name, state, answer),
};

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
