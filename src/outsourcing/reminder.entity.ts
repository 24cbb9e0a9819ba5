import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { OutsourcingOrder } from './outsourcing-order.entity.js';

export const REMINDER_KINDS = ['warn', 'overdue', 'coordinator', 'supervisor'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
export type SmsStatus = 'pending' | 'sending' | 'sent' | 'failed';

/**
 * A reminder that was decided, written in the same transaction as its chat messages. The
 * unique key (order, kind, expected return it refers to, slot) is what makes two scans —
 * on one server or two — send it once. An SMS is sent after commit, claimed by its status.
 */
export const OutsourcingReminder = defineEntity({
  name: 'OutsourcingReminder',
  tableName: 'outsourcing_reminders',
  uniques: [{ properties: ['order', 'kind', 'dueKey', 'slot'] }],
  indexes: [{ properties: ['smsStatus'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    order: () => p.manyToOne(OutsourcingOrder).deleteRule('cascade'),
    kind: p.string().length(16).$type<ReminderKind>(),
    /** The expected return (ISO) this reminder is about: moving the date starts a new cadence. */
    dueKey: p.string().length(24),
    /** 0 for the first; n for the n-th repeat of an overdue reminder. */
    slot: p.integer(),
    recipients: p.json<string[]>(),
    createdAt: p.datetime(3),
    smsPhone: p.string().length(32).nullable(),
    /** What the SMS says, and the same as template parameters for providers that need a template. */
    smsText: p.string().length(300).nullable(),
    smsParams: p.json<Record<string, string>>().nullable(),
    smsStatus: p.string().length(8).$type<SmsStatus>().nullable(),
    smsAttempts: p.integer().default(0),
    smsError: p.string().length(200).nullable(),
  },
});

export type OutsourcingReminder = InferEntity<typeof OutsourcingReminder>;
