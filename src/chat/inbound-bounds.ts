import { createHash } from 'node:crypto';
import { charCount, longerThan } from '../shared/bounds/checks.js';
import { MAX_MESSAGE_ID, MAX_SENDER_ID } from '../shared/bounds/limits.js';
import type { InboundEvent } from './inbound-event.js';

/**
 * What an inbound event must fit before the engine records it: its ids go into VARCHAR columns
 * (inbound_events, channel_identities, unknown_senders, group bindings). Real platform ids are
 * far shorter; a longer one is forged or broken and is refused by the channel, with a log line,
 * instead of failing inside the engine's transaction on every redelivery.
 */
export function inboundBoundsProblem(event: InboundEvent): string | undefined {
  const chatId = event.conversation.kind === 'group' ? event.conversation.chatId : '';
  return (
    overLimit('sender id', event.senderId, MAX_SENDER_ID) ??
    overLimit('message id', event.platformMessageId, MAX_MESSAGE_ID) ??
    overLimit('chat id', chatId, MAX_SENDER_ID)
  );
}

/** "sender id of 300 characters (at most 128)", or undefined when it fits. */
export function overLimit(what: string, value: string, max: number): string | undefined {
  return longerThan(value, max) ? `${what} of ${charCount(value)} characters (at most ${max})` : undefined;
}

/** The event, or an error naming what does not fit. */
export class OversizedInboundError extends Error {
  constructor(readonly problem: string) {
    super(`inbound event refused: ${problem}`);
    this.name = 'OversizedInboundError';
  }
}

export function assertBoundedInbound<E extends InboundEvent>(event: E): E {
  const problem = inboundBoundsProblem(event);
  if (problem !== undefined) throw new OversizedInboundError(problem);
  return event;
}

/**
 * A dedupe key made of several platform fields (sender, time, card task, button key): each is
 * within its own limit, but together they may pass the column, so a long one is replaced by its
 * digest — still the same key for the same delivery.
 */
export function compositeMessageId(parts: readonly string[]): string {
  const joined = parts.join(':');
  if (!longerThan(joined, MAX_MESSAGE_ID)) return joined;
  return `sha256:${createHash('sha256').update(joined).digest('hex')}`;
}
