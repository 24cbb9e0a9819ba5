import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { Role } from '../config/factory-config.js';
import { Team } from './team.entity.js';

export const Person = defineEntity({
  name: 'Person',
  tableName: 'people',
  properties: {
    /** A stable handle such as `zhangwei`, used in factory.yaml, the API and the console. */
    id: p.string().length(64).primary(),
    name: p.string().length(100),
    roles: p.json<Role[]>(),
    team: () => p.manyToOne(Team).nullable(),
    phone: p.string().length(32).nullable(),
    active: p.boolean().default(true),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export type Person = InferEntity<typeof Person>;
