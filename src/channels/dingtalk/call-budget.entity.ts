import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * The DingTalk OpenAPI calls this server made in one calendar month (China time), against the
 * monthly quota of a free-edition organisation (protocols/dingtalk.md §6). Kept in the
 * database so the count survives restarts and is shared by every server instance.
 */
export const DingtalkCallBudget = defineEntity({
  name: 'DingtalkCallBudget',
  tableName: 'dingtalk_call_budgets',
  properties: {
    /** `YYYY-MM` in China time, when the platform's quota resets. */
    month: p.string().length(7).primary(),
    calls: p.integer().default(0),
    /** The highest share of the budget (in percent) the admins have been told about this month. */
    noticedPercent: p.integer().default(0),
    updatedAt: p.datetime(3),
  },
});

export type DingtalkCallBudget = InferEntity<typeof DingtalkCallBudget>;
