import type { CardHandler } from '../../chat/cards/card-handler.js';
import { PendingDialog } from '../../chat/dialogs/pending-dialog.entity.js';
import { PendingDialogs } from '../../chat/dialogs/pending-dialogs.js';
import { formMessages as m } from '../messages.js';
import { formByKey } from '../submission-service.js';
import { answerStep, QUESTION_CARD, type FillingState } from './form-dialog.js';

/**
 * A tapped answer on a form's question card is the same answer typed: it goes to the question
 * the person has open (the card's version is that question's step, so an old card is stale).
 */
export const questionCard: CardHandler = {
  cardType: QUESTION_CARD,
  async currentVersion(em, personId) {
    const open = await em.findOne(PendingDialog, { personId }, { orderBy: { expiresAt: 'desc' } });
    return open?.step;
  },
  async describeNow() {
    return m.questionAnswered;
  },
  async act(ctx, personId, action) {
    if (personId !== ctx.person.id) return ctx.reply(m.notYourQuestion);
    const pending = await new PendingDialogs(ctx.clock, ctx.config.chat.dialogExpiryMinutes).take(
      ctx.em,
      ctx.person.id,
      ctx.event,
    );
    const state = pending && pending !== 'expired' ? (pending.state as FillingState) : undefined;
    const form = state ? formByKey(ctx, state.form) : undefined;
    if (!pending || pending === 'expired' || !state || !form) return ctx.reply(m.questionExpired);
    await answerStep(ctx, form, pending.step, state, action);
  },
};
