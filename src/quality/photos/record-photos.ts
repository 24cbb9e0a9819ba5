import type { EntityManager } from '@mikro-orm/core';
import type { CommandContext } from '../../chat/context.js';
import type { FactoryConfig } from '../../config/factory-config.js';
import type { Clock } from '../../shared/clock.js';
import { attachMedia, mediaAttachedTo, storedImageOf } from '../../shared/media/attachments.js';
import { offerMediaLink } from '../../shared/media/media-links.js';
import { photoMessages as m } from './messages.js';

/** Which quality records carry photos, as the media store names them. */
export type PhotoSubject = 'inspection' | 'scrap_request';

export interface PhotoSlot {
  subjectType: PhotoSubject;
  subjectId: number;
  /** How the answer names the record: `终检 WO-7「装配」`. */
  label: string;
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
 * The photo step of a quality command's dialog: attaches the stored photo and keeps the slot
 * open for another one (an inspection often has several).
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
  return files.map(
    (f) => `${publicUrl}${offerMediaLink(deps.em, deps.clock, deps.config.media.linkHours, f.id, by)}`,
  );
}
