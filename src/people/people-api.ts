import { ROLES } from '../config/factory-schema.js';
import { defineRoute } from '../http/api/api-route.js';
import { columnLength, columnText } from '../http/api/column-schema.js';
import { NotFoundError } from '../shared/errors.js';
import { ChannelIdentity } from './channel-identity.entity.js';
import { forgetPeople } from './directory.js';
import { Person } from './person.entity.js';
import { Team } from './team.entity.js';
import type { Role } from '../config/factory-config.js';

interface PersonBody {
  name: string;
  roles: Role[];
  team?: string | null;
  wecom?: string | null;
  dingtalk?: string | null;
  phone?: string | null;
  active?: boolean;
}

const identity = columnText(ChannelIdentity, 'externalId');

/**
 * Binds a person to their chat accounts after start-up (factory.yaml covers the day-one cast):
 * the HR or ERP side creates or updates them by their stable id.
 */
export const putPersonRoute = defineRoute<PersonBody>({
  method: 'put',
  path: '/people/:id',
  scope: 'people:write',
  tag: 'people',
  summary: 'Create or update a person, their roles, team and chat identities',
  body: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'roles'],
    properties: {
      name: columnText(Person, 'name'),
      roles: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...ROLES] } },
      team: { type: ['string', 'null'], maxLength: columnLength(Team, 'id') },
      wecom: { ...identity, type: ['string', 'null'] },
      dingtalk: { ...identity, type: ['string', 'null'] },
      phone: { type: ['string', 'null'], pattern: '^\\+?[0-9-]{5,20}$' },
      active: { type: 'boolean' },
    },
  },
  async handle({ body, params, em }) {
    const id = params.id ?? '';
    if (body.team && !(await em.findOne(Team, body.team))) throw new NotFoundError('team', body.team);
    const person =
      (await em.findOne(Person, id)) ?? em.create(Person, { id, name: body.name, roles: body.roles });
    Object.assign(person, { name: body.name, roles: body.roles, active: body.active ?? true });
    if (body.phone !== undefined) person.phone = body.phone;
    if (body.team !== undefined) person.team = body.team === null ? null : em.getReference(Team, body.team);
    for (const platform of ['wecom', 'dingtalk'] as const) {
      const externalId = body[platform];
      if (externalId === undefined) continue;
      await em.nativeDelete(ChannelIdentity, { person: id, platform });
      if (externalId !== null) {
        await em.nativeDelete(ChannelIdentity, { platform, externalId });
        em.create(ChannelIdentity, { platform, externalId, person });
      }
    }
    await em.flush();
    forgetPeople(em); // an identity removed by nativeDelete alone is no change a flush sees
    const identities = await em.find(ChannelIdentity, { person: id });
    return {
      body: {
        id,
        name: person.name,
        roles: person.roles,
        team: person.team?.id ?? null,
        active: person.active,
        identities: Object.fromEntries(identities.map((i) => [i.platform, i.externalId])),
      },
    };
  },
});
