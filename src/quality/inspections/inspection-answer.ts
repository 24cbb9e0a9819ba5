import type { CommandContext } from '../../chat/context.js';
import { offerPhotoSlot } from '../../chat/photos/photo-slots.js';
import { photoMessages } from '../photos/messages.js';
import type { Inspection } from './inspection.entity.js';
import { outOfLimits, type Measurement } from './measurements.js';
import { inspectionMessages as m } from './messages.js';

/**
 * How a 首检 or 终检 answer ends: the readings outside their limits, then the offer to attach a
 * photo to the inspection just recorded.
 */
export async function endInspectionAnswer(
  ctx: CommandContext,
  command: string,
  inspection: Inspection,
  measurements: readonly Measurement[],
  label: InspectionLabel,
): Promise<void> {
  const outside = outOfLimits(measurements);
  if (outside.length > 0) ctx.reply(m.outOfLimits(outside));
  await offerInspectionPhoto(ctx, command, inspection, label);
}

/** Which inspection a photo goes onto, as people read it: 首检 WO-7「车削」. */
export interface InspectionLabel {
  kind: '首检' | '终检' | '巡检';
  order: string;
  operation: string;
}

/** The offer to attach a photo sent next to the inspection just recorded (巡检 too). */
export async function offerInspectionPhoto(
  ctx: CommandContext,
  command: string,
  inspection: Inspection,
  label: InspectionLabel,
): Promise<void> {
  await ctx.em.flush(); // the photo slot names the inspection by its id
  await offerPhotoSlot(ctx, command, {
    subjectType: 'inspection',
    subjectId: inspection.id,
    label: photoMessages.inspectionLabel(label.kind, label.order, label.operation),
  });
}
