import type { Command } from '../../chat/commands/command.js';
import { RefusedError } from '../../shared/errors.js';
import { photoMessages } from '../photos/messages.js';
import { attachSentPhoto, offerPhotoSlot } from '../../chat/photos/photo-slots.js';
import { loadOrder, operationNamed } from '../../workorders/task-lookup.js';
import type { RejectReason } from '../config.js';
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

/** `巡检 WO-7 工序10 5 不合格 1 D01 外径=20.02`: QC's in-process check of a running operation. */
export const patrolCommand: Command = {
  name: '巡检',
  aliases: ['patrol', '过程检验'],
  roles: ['qc'],
  help: m.help,
  args: [
    { name: 'order', label: '工单号', kind: 'word' },
    { name: 'operation', label: '工序', kind: 'word' },
    { name: 'detail', label: '抽检数 …', kind: 'text' },
  ],
  async run(ctx, args) {
    const loaded = await loadOrder(ctx.em, String(args.order));
    const task = operationNamed(loaded, String(args.operation));
    const record = readPatrol(String(args.detail), ctx.config.quality.rejectReasons);
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
    await ctx.em.flush(); // the photo slot names the inspection by its id
    await offerPhotoSlot(ctx, patrolCommand.name, {
      subjectType: 'inspection',
      subjectId: inspection.id,
      label: photoMessages.inspectionLabel('巡检', loaded.order.number, task.name),
    });
  },
  resume: (ctx, _step, state, answer) => attachSentPhoto(ctx, patrolCommand.name, state, answer),
};
