import type { EntityManager } from '@mikro-orm/core';
import type { Clock } from '../clock.js';
import { MediaAttachment } from './media-attachment.entity.js';
import { MediaFile } from './media-file.entity.js';

export interface AttachmentTarget {
  subjectType: string;
  subjectId: string | number;
}

/** Attaches a stored photo to a record; attaching the same photo twice keeps one row. */
export async function attachMedia(
  em: EntityManager,
  clock: Clock,
  mediaId: number,
  target: AttachmentTarget,
  by: string | null,
): Promise<MediaAttachment> {
  const subjectId = String(target.subjectId);
  const known = await em.findOne(MediaAttachment, {
    media: mediaId,
    subjectType: target.subjectType,
    subjectId,
  });
  if (known) return known;
  return em.create(MediaAttachment, {
    media: em.getReference(MediaFile, mediaId),
    subjectType: target.subjectType,
    subjectId,
    attachedBy: by,
    attachedAt: clock.now(),
  });
}

/** The ids of the photos attached to each of these records of one type, oldest first, by record id. */
export async function mediaIdsAttachedToEach(
  em: EntityManager,
  subjectType: string,
  subjectIds: ReadonlyArray<string | number>,
): Promise<Map<string, number[]>> {
  const byRecord = new Map<string, number[]>();
  if (subjectIds.length === 0) return byRecord;
  const rows = await em.find(
    MediaAttachment,
    { subjectType, subjectId: { $in: subjectIds.map(String) } },
    { orderBy: { id: 'asc' } },
  );
  for (const row of rows) byRecord.set(row.subjectId, [...(byRecord.get(row.subjectId) ?? []), row.media.id]);
  return byRecord;
}

/** The photos attached to a record, oldest first. */
export async function mediaAttachedTo(em: EntityManager, target: AttachmentTarget): Promise<MediaFile[]> {
  const rows = await em.find(
    MediaAttachment,
    { subjectType: target.subjectType, subjectId: String(target.subjectId) },
    { populate: ['media'], orderBy: { id: 'asc' } },
  );
  return rows.map((r) => r.media);
}

/**
 * How the chat hands a stored photo to a command: an image event reaches a dialog as this text,
 * so capabilities see only a stored id, never a platform's media reference.
 */
export const storedImageText = (mediaId: number): string => `#image media:${mediaId}`;

/** The stored photo an answer carries, if it is one. */
export function storedImageOf(answer: string): number | undefined {
  const match = /^#image media:(\d+)$/.exec(answer.trim());
  return match ? Number(match[1]) : undefined;
}
