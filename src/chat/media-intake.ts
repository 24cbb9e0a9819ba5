import type { MediaConfig } from '../config/factory-config.js';
import type { Orm } from '../db/orm.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { maxMediaBytes, MediaRefusedError, type MediaStore } from '../shared/media/media-store.js';
import { mediaMessages as mm } from '../shared/media/messages.js';
import type { ChannelAdapter } from './channel.js';
import type { ChannelName, InboundEvent } from './inbound-event.js';

/** A photo someone sent, as the chat hands it on: a stored media id, or why it was not kept. */
export type ImageIntake = { stored: number } | { refusal: string };

export interface MediaIntakeDeps {
  orm: Orm;
  clock: Clock;
  logger: Logger;
  config: MediaConfig;
  store: MediaStore;
  channels: ReadonlyMap<ChannelName, ChannelAdapter>;
}

/**
 * Fetches a sent photo from its platform (the channel adapter knows how) and keeps it in the
 * media store, before the event's transaction: a download may take seconds, and no row lock
 * should wait on it. A refused photo (too large, not a picture, gone) stores nothing.
 */
export class MediaIntake {
  constructor(private readonly deps: MediaIntakeDeps) {}

  async take(event: Extract<InboundEvent, { kind: 'image' }>, personId: string): Promise<ImageIntake> {
    const { channels, config, logger, store, orm, clock } = this.deps;
    const adapter = channels.get(event.channel);
    if (!adapter?.fetchMedia) return { refusal: mm.unavailable };
    const fetched = await adapter
      .fetchMedia(event, { maxBytes: maxMediaBytes(config) })
      .catch((error: unknown) => ({
        ok: false as const,
        reason: 'unavailable' as const,
        error: String(error),
      }));
    if (!fetched.ok) {
      logger.warn(
        { channel: event.channel, reason: fetched.reason, error: fetched.error },
        'photo not fetched',
      );
      if (fetched.reason === 'too_large') return { refusal: mm.tooLarge(config.maxMegabytes) };
      return { refusal: fetched.reason === 'expired' ? mm.expired : mm.unavailable };
    }
    try {
      const file = await store.store(orm.em.fork(), clock, {
        bytes: fetched.bytes,
        source: event.channel,
        uploadedBy: personId,
      });
      return { stored: file.id };
    } catch (error) {
      if (error instanceof MediaRefusedError) return { refusal: error.userMessage ?? mm.notAnImage };
      throw error;
    }
  }
}
