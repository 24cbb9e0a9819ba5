import type { Command } from '../../chat/commands/command.js';
import { RefusedError } from '../../shared/errors.js';
import { loadOrder } from '../../workorders/task-lookup.js';
import { recordFinal, rejectReason, type FinalCounts } from './inspection-service.js';
import { inspectionMessages as m } from './messages.js';
import { reworkLabel } from './rework-task.entity.js';
import { attachSentPhoto } from '../../chat/photos/photo-slots.js';
import { serialMessages } from '../serials/messages.js';
import { endInspectionAnswer } from './inspection-answer.js';
import { keepMeasurements, measure, splitMeasured } from './measurements.js';

/** `A001,A002、A003`: a scanner's labels, separated however the phone's keyboard let QC. */
const readSerials = (text: string) => text.split(/[,，、;；]+/).filter((s) => s !== '');

/**
 * `终检 WO-7 合格 45 不合格 3 原因 D01 返工 2`: QC's count of the last operation's good output.
 * Every figure is stored as given; their sum may not exceed what still waits for inspection.
 */
export const finalInspectionCommand: Command = {
  name: '终检',
  aliases: ['final-inspection', '成品检验'],
  roles: ['qc'],
  help: m.finalHelp,
  args: [
    { name: 'order', label: '工单号', kind: 'word' },
    { name: 'accepted', label: '合格数', kind: 'quantity', keywords: ['合格'] },
    { name: 'rejected', label: '不合格数', kind: 'quantity', optional: true, keywords: ['不合格'] },
    { name: 'reason', label: '原因码', kind: 'word', optional: true, keywords: ['原因'] },
    { name: 'rework', label: '返工数', kind: 'quantity', optional: true, keywords: ['返工'] },
    // Scanned labels of the accepted pieces, one word: `序列号 A001,A002,A003`.
    { name: 'serials', label: '序列号', kind: 'word', optional: true, keywords: ['序列号'] },
    // What was measured on the pieces judged: `外径=20.01 长度=100.2`.
    { name: 'measured', label: '特性=实测值', kind: 'text', optional: true },
  ],
  async run(ctx, args) {
    const counts = readCounts(args, ctx.config.quality.rejectReasons);
    const loaded = await loadOrder(ctx.em, String(args.order));
    const last = loaded.tasks.at(-1);
    const { measured, rest } = splitMeasured(
      String(args.measured ?? '')
        .split(/\s+/)
        .filter(Boolean),
    );
    if (rest.length > 0) throw new RefusedError('extra_words', m.extraWords(rest.join(' ')));
    const measurements = last ? measure(last, measured) : [];
    const { inspection, waitingAfter, rework, serials } = await recordFinal(
      ctx.services,
      ctx.actor,
      loaded,
      counts,
    );
    keepMeasurements(inspection, measured, measurements);
    const given =
      serials.length > 0
        ? serialMessages.given(
            serials.map((s) => s.number),
            counts.serials !== undefined,
          )
        : '';
    ctx.reply(
      m.finalRecorded(loaded.order.number, {
        accepted: counts.accepted,
        rejected: counts.rejected,
        rework: counts.rework,
        reason: counts.reason ? `${counts.reason.code} ${counts.reason.name}` : undefined,
        waitingAfter,
        reworkLabel: rework ? reworkLabel(rework.id) : undefined,
        operator: last?.assignee?.name ?? last?.team?.name,
      }) + given,
    );
    await endInspectionAnswer(ctx, finalInspectionCommand.name, inspection, measurements, {
      kind: '终检',
      order: loaded.order.number,
      operation: last?.name ?? '',
    });
  },
  resume: (ctx, _step, state, answer) => attachSentPhoto(ctx, finalInspectionCommand.name, state, answer),
};

function readCounts(
  args: Record<string, string | number | undefined>,
  reasons: Parameters<typeof rejectReason>[0],
): FinalCounts {
  const count = (label: string, value: string | number | undefined) => {
    const n = Number(value ?? 0);
    if (!Number.isInteger(n) || n < 0) throw new RefusedError('not_whole_pieces', m.notWhole(label, n));
    return n;
  };
  const accepted = count('合格数', args.accepted);
  const rejected = count('不合格数', args.rejected);
  const rework = count('返工数', args.rework);
  const code = args.reason === undefined ? undefined : String(args.reason);
  if (rejected > 0 && code === undefined) throw new RefusedError('reason_needed', m.reasonNeeded(reasons));
  if (rejected === 0 && code !== undefined)
    throw new RefusedError('reason_without_rejects', m.reasonWithoutRejects);
  return {
    accepted,
    rejected,
    rework,
    reason: code === undefined ? undefined : rejectReason(reasons, code),
    serials: args.serials === undefined ? undefined : readSerials(String(args.serials)),
  };
}
