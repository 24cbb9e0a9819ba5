import type { EntityManager } from '@mikro-orm/core';
import type { Clock } from '../../shared/clock.js';
import type { InboundEvent } from '../inbound-event.js';
import { PendingDialog } from './pending-dialog.entity.js';

export function conversationKey(event: InboundEvent): string {
  return event.conversation.kind === 'group'
    ? `${event.channel}:group:${event.conversation.chatId}`
    : `${event.channel}:direct`;
}

/** One open question per person and conversation; a new question replaces the old one. */
export class PendingDialogs {
  constructor(
    private readonly clock: Clock,
    private readonly expiryMinutes: number,
  ) {}

  async open(
    em: EntityManager,
    personId: string,
    event: InboundEvent,
    command: string,
    step: string,
    state: Record<string, unknown>,
  ): Promise<void> {
    const key = conversationKey(event);
    const expiresAt = new Date(this.clock.now().getTime() + this.expiryMinutes * 60_000);
    const existing = await em.findOne(PendingDialog, { personId, conversationKey: key });
    if (existing) Object.assign(existing, { command, step, state, expiresAt });
    else em.create(PendingDialog, { personId, conversationKey: key, command, step, state, expiresAt });
  }

  /** The open question, if any; an expired one is removed and reported as such. */
  async take(
    em: EntityManager,
    personId: string,
    event: InboundEvent,
  ): Promise<PendingDialog | 'expired' | undefined> {
    const dialog = await em.findOne(PendingDialog, { personId, conversationKey: conversationKey(event) });
    if (!dialog) return undefined;
    em.remove(dialog);
    return dialog.expiresAt.getTime() < this.clock.now().getTime() ? 'expired' : dialog;
  }

  async close(em: EntityManager, personId: string, event: InboundEvent): Promise<boolean> {
    const dialog = await em.findOne(PendingDialog, { personId, conversationKey: conversationKey(event) });
    if (dialog) em.remove(dialog);
    return dialog !== null && dialog.expiresAt.getTime() >= this.clock.now().getTime();
  }
}
