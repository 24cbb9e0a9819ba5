import type { ReadinessCheck } from '../http/health-routes.js';
import { AppError } from '../shared/errors.js';
import type { ChannelName, MediaRef } from './inbound-event.js';
import type { OutboundContent } from './outbound.js';

/**
 * A sliding-window limit the platform enforces. Several platforms drop the excess silently
 * (WeCom: 30/min per member from one app), so the outbox must pace below them.
 */
export interface RateLimit {
  scope: 'recipient' | 'channel';
  windowMs: number;
  max: number;
  /** Only for recipients of this kind (a platform limits people, groups and robots differently). */
  appliesTo?: RecipientKind;
}

export type RecipientKind = 'person' | 'group' | 'robot';

export function recipientKindOf(recipientKey: string): RecipientKind {
  if (recipientKey.startsWith('group:')) return 'group';
  if (recipientKey.startsWith('robot:')) return 'robot';
  return 'person';
}

export interface DeliveryRequest {
  messageId: number;
  /** The platform address: a user id, or `group:<chat id>`. */
  recipientKey: string;
  content: OutboundContent;
  attempt: number;
  /** When the message was queued; it precedes every attempt to send it. */
  queuedAt: Date;
}

export type DeliveryResult =
  | { ok: true; details?: Record<string, unknown> }
  | { ok: false; retryable: boolean; error: string; retryAfterMs?: number };

/**
 * Thrown by an adapter when the request may have reached the platform but no answer came
 * (a timeout or a reset after the request was written): the message may or may not have
 * been delivered, so it must not simply be sent again.
 */
export class DeliveryUnknownError extends AppError {
  constructor(message: string, cause: unknown) {
    super('delivery_outcome_unknown', message, { status: 502, expose: false, cause });
  }
}

/**
 * The outbound half of a channel: the outbox hands it one message at a time. The inbound
 * half (an HTTP route, a WebSocket) only calls the chat engine; see receivers in each channel.
 */
export interface ChannelAdapter {
  readonly name: ChannelName;
  readonly limits: RateLimit[];
  /**
   * The most bytes of UTF-8 one text or markdown message may hold on this platform; the outbox
   * sends a longer one as several. Undefined where any length goes through (the console).
   */
  readonly maxTextBytes?: number;
  deliver(request: DeliveryRequest): Promise<DeliveryResult>;
  /**
   * How long after a send the platform itself drops an identical resend of this message
   * (WeCom's duplicate check); undefined when nothing would stop a second delivery. The
   * outbox resends a message whose outcome is unknown only inside this window.
   */
  duplicateCheckWindowMs?(request: DeliveryRequest): Promise<number | undefined>;
  /**
   * The only recipients this process can deliver to (a console reaches the people whose
   * session is open here); messages to others stay queued for the process that can.
   */
  recipientKeys?(): readonly string[] | undefined;
  /**
   * The bytes of a photo someone sent, fetched from the platform; more than `maxBytes` is not
   * read to the end. Platforms keep these a short while only (WeCom app 3 days, bot 5 minutes).
   */
  fetchMedia?(ref: MediaRef, limits: { maxBytes: number }): Promise<FetchedMedia>;
  start?(): Promise<void>;
  stop?(): Promise<void>;
  readiness?: ReadinessCheck;
}

export type FetchedMedia =
  { ok: true; bytes: Buffer } | { ok: false; reason: 'expired' | 'too_large' | 'unavailable'; error: string };

export function groupRecipientKey(chatId: string): string {
  return `group:${chatId}`;
}

export function parseRecipientKey(
  key: string,
): { kind: 'group'; chatId: string } | { kind: 'person'; userId: string } {
  return key.startsWith('group:')
    ? { kind: 'group', chatId: key.slice('group:'.length) }
    : { kind: 'person', userId: key };
}
