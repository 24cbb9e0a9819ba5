import type { EntityManager } from '@mikro-orm/core';
import type { FactoryConfig } from '../../config/factory-config.js';
import type { Clock } from '../../shared/clock.js';
import { attachMedia, mediaAttachedTo, storedImageOf } from '../../shared/media/attachments.js';
import { offerMediaLink } from '../../shared/media/media-links.js';
import type { CommandContext } from '../context.js';
import type { Recipient } from '../outbound.js';
import { photoSlotMessages as m } from './messages.js';

/** The records that carry photos, as the media store names them. */
export type PhotoSubject = 'inspection' | 'scrap_request' | 'repair_ticket' | 'exception';

export interface PhotoSlot {
  subjectType: PhotoSubject;
  subjectId: number;
  /** How the answer names the record: `终检 WO-7「装配」`, `维修 R4`. */
  label: string;
  /** Who was told of the record when it was made; each photo is pushed to them as a link. */
  notify?: Recipient[];
}

/** What happens once a photo is attached to a record of this kind (the scrap card is redrawn). */
export type AfterAttach = (ctx: CommandContext, slot: PhotoSlot) => Promise<void>;

/**
 * After a command recorded `slot`'s record: the photo the person sends next is attached to it,
 * and they are told so in the same answer.
 */
export async function offerPhotoSlot(ctx: CommandContext, command: string, slot: PhotoSlot): Promise<void> {
  await ctx.awaitPhoto(command, { ...slot });
  ctx.reply(m.hint(slot.label));
}

/**
 * The photo step of a command's dialog: attaches the stored photo, sends its link to those the
 * slot names, and keeps the slot open for another one (an inspection often has several).
 */
export async function attachSentPhoto(
  ctx: CommandContext,
  command: string,
  state: Record<string, unknown>,
  answer: string,
  afterAttach?: AfterAttach,
): Promise<void> {
  const mediaId = storedImageOf(answer);
  const slot = state as unknown as PhotoSlot;
  if (mediaId === undefined) return; // only photos reach this step (the router lets words go by)
  await attachMedia(ctx.em, ctx.clock, mediaId, slot, ctx.person.id);
  await ctx.em.flush();
  const count = (await mediaAttachedTo(ctx.em, slot)).length;
  await afterAttach?.(ctx, slot);
  if (slot.notify && slot.notify.length > 0) {
    const link = offerMediaLink(ctx, ctx.publicUrl, mediaId, ctx.person.id);
    const added = m.added(ctx.person.name, slot.label, [link]);
    for (const recipient of slot.notify)
      await ctx.services.outbox.enqueue(ctx.em, recipient, { kind: 'text', text: added });
  }
  await ctx.awaitPhoto(command, { ...slot });
  ctx.reply(m.attached(slot.label, count));
}

/** Signed links, under PUBLIC_URL, to every photo attached to a record: for cards and answers. */
export async function photoLinks(
  deps: { em: EntityManager; clock: Clock; config: FactoryConfig },
  publicUrl: string,
  subject: { subjectType: PhotoSubject; subjectId: number },
  by: string | null,
): Promise<string[]> {
  const files = await mediaAttachedTo(deps.em, subject);
  return files.map((f) => offerMediaLink(deps, publicUrl, f.id, by));
}
