import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A question the bot asked and is waiting to hear answered ("完工多少件？"). Kept in the
 * database so that the answer may reach another server instance, or this one after a restart.
 */
export const PendingDialog = defineEntity({
  name: 'PendingDialog',
  tableName: 'pending_dialogs',
  uniques: [{ properties: ['personId', 'conversationKey'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    personId: p.string().length(64),
    /** `direct` or `group:<chat id>`, per channel: a question asked in a group is answered there. */
    conversationKey: p.string().length(191),
    command: p.string().length(32),
    step: p.string().length(32),
    state: p.json<Record<string, unknown>>(),
    expiresAt: p.datetime(3),
  },
});

export type PendingDialog = InferEntity<typeof PendingDialog>;
