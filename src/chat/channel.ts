import type { ReadinessCheck } from '../http/health-routes.js';
import type { ChannelName } from './inbound-event.js';
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
}

export type DeliveryResult =
  | { ok: true; details?: Record<string, unknown> }
  | { ok: false; retryable: boolean; error: string; retryAfterMs?: number };

/**
 * The outbound half of a channel: the outbox hands it one message at a time. The inbound
 * half (an HTTP route, a WebSocket) only calls the chat engine; see receivers in each channel.
 */
export interface ChannelAdapter {
  readonly name: ChannelName;
  readonly limits: RateLimit[];
  deliver(request: DeliveryRequest): Promise<DeliveryResult>;
  /**
   * The only recipients this process can deliver to (a console reaches the people whose
   * session is open here); messages to others stay queued for the process that can.
   */
  recipientKeys?(): readonly string[] | undefined;
  start?(): Promise<void>;
  stop?(): Promise<void>;
  readiness?: ReadinessCheck;
}

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
