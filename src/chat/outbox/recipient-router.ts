import type { EntityManager } from '@mikro-orm/core';
import { groupsOfTeam, identitiesOf, teamLeads } from '../../people/directory.js';
import { groupRecipientKey } from '../channel.js';
import { identityPlatformOf, type ChannelName } from '../inbound-event.js';
import type { Recipient } from '../outbound.js';

export interface ResolvedAddress {
  channel: ChannelName;
  recipientKey: string;
  personId: string | null;
}

/**
 * Turns "张伟" or "the CNC team" into platform addresses. A person is reached on the first
 * enabled channel, in the operator's order, where they have an identity; the console
 * channel reaches everyone by person id, for demos and tests.
 */
export class RecipientRouter {
  constructor(private readonly enabledChannels: readonly ChannelName[]) {}

  get channels(): readonly ChannelName[] {
    return this.enabledChannels;
  }

  async resolve(em: EntityManager, recipient: Recipient): Promise<ResolvedAddress[]> {
    switch (recipient.kind) {
      case 'group':
        return [
          { channel: recipient.channel, recipientKey: groupRecipientKey(recipient.chatId), personId: null },
        ];
      case 'address':
        return [{ channel: recipient.channel, recipientKey: recipient.recipientKey, personId: null }];
      case 'team': {
        const groups = await groupsOfTeam(em, recipient.teamId);
        const reachable = groups.filter((g) => this.enabledChannels.includes(g.channel as ChannelName));
        const preferred = this.enabledChannels
          .flatMap((c) => reachable.filter((g) => g.channel === c))
          .slice(0, 1);
        if (preferred.length === 0) {
          // No group of this team on any enabled channel: its leads hear it in person instead.
          const leads = await teamLeads(em, recipient.teamId);
          return (
            await Promise.all(leads.map((id) => this.resolve(em, { kind: 'person', personId: id })))
          ).flat();
        }
        return preferred.map((g) => ({
          channel: g.channel as ChannelName,
          recipientKey: groupRecipientKey(g.chatId),
          personId: null,
        }));
      }
      case 'person': {
        let identities: ReadonlyMap<string, string> | undefined;
        for (const channel of this.enabledChannels) {
          if (channel === 'console')
            return [{ channel, recipientKey: recipient.personId, personId: recipient.personId }];
          identities ??= await identitiesOf(em, recipient.personId);
          const externalId = identities.get(identityPlatformOf(channel));
          if (externalId !== undefined)
            return [{ channel, recipientKey: externalId, personId: recipient.personId }];
        }
        return [];
      }
    }
  }
}
