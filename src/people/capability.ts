import { defineCapability } from '../capabilities/capability.js';
import { ChannelIdentity } from './channel-identity.entity.js';
import { GroupBinding } from './group-binding.entity.js';
import { putPersonRoute } from './people-api.js';
import { Person } from './person.entity.js';
import { Team } from './team.entity.js';
import { UnknownSender } from './unknown-sender.entity.js';

/** Who works here: people, teams, their chat identities and groups; the HR system may keep them. */
export const peopleCapability = defineCapability({
  name: 'people',
  entities: [Team, Person, ChannelIdentity, GroupBinding, UnknownSender],
  api: { scopes: ['people:write'], routes: [putPersonRoute] },
});
