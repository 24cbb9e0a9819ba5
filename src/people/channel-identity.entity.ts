import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Person } from './person.entity.js';

/**
 * How a platform names a person. WeCom's app and its intelligent bot share one userid
 * space, so both are `wecom`; DingTalk's staffId is `dingtalk`.
 */
export const ChannelIdentity = defineEntity({
  name: 'ChannelIdentity',
  tableName: 'channel_identities',
  uniques: [{ properties: ['platform', 'externalId'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    platform: p.string().length(16),
    externalId: p.string().length(128),
    person: () => p.manyToOne(Person).deleteRule('cascade'),
  },
});

export type ChannelIdentity = InferEntity<typeof ChannelIdentity>;
