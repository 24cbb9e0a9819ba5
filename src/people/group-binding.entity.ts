import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Team } from './team.entity.js';

/** A platform group chat and the team it belongs to (PRODUCT.md: group bindings). */
export const GroupBinding = defineEntity({
  name: 'GroupBinding',
  tableName: 'group_bindings',
  uniques: [{ properties: ['channel', 'chatId'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    /** `wecom-app`, `wecom-bot` or `dingtalk`: a group id is only meaningful to one route. */
    channel: p.string().length(16),
    chatId: p.string().length(128),
    team: () => p.manyToOne(Team).deleteRule('cascade'),
  },
});

export type GroupBinding = InferEntity<typeof GroupBinding>;
