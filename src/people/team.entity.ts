import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

export const Team = defineEntity({
  name: 'Team',
  tableName: 'teams',
  properties: {
    id: p.string().length(64).primary(),
    name: p.string().length(100),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type Team = InferEntity<typeof Team>;
