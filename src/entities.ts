import type { AnyEntity, EntitySchema } from '@mikro-orm/core';
import { ChannelIdentity } from './people/channel-identity.entity.js';
import { GroupBinding } from './people/group-binding.entity.js';
import { Person } from './people/person.entity.js';
import { Team } from './people/team.entity.js';

/** Every entity of the application; the ORM, the migrations and the tests use this one list. */
export const entities = [Team, Person, ChannelIdentity, GroupBinding] as unknown as EntitySchema<AnyEntity>[];
