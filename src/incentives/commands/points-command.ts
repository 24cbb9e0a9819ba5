import { pointTriggersOf } from '../../capabilities/assembled.js';
import type { Command } from '../../chat/commands/command.js';
import { personByMention } from '../../people/directory.js';
import { hasRole } from '../../people/person-view.js';
import { RefusedError } from '../../shared/errors.js';
import { pointsSummary } from '../ledger.js';
import { settleForReading } from '../evaluation-service.js';
import { incentiveMessages as m } from '../messages.js';
import { weekOf } from '../periods.js';

const RECENT = 5;

/** 积分 [@某人]: my points this week and in all, and why I got the last ones. */
export const pointsCommand: Command = {
  name: '积分',
  aliases: ['points', '我的积分'],
  roles: 'staff',
  help: m.pointsHelp,
  args: [{ name: 'who', label: '@某人', kind: 'mention', optional: true }],
  async run(ctx, args) {
    let person = ctx.person;
    if (args.who !== undefined) {
      const named = await personByMention(ctx.em, String(args.who));
      if (!named) throw new RefusedError('person_unknown', m.unknownPerson(String(args.who)));
      // Leads and supervisors coach people with these figures; workers see their own only.
      if (named.id !== ctx.person.id && !hasRole(ctx.person, 'team_lead', 'supervisor', 'manager')) {
        throw new RefusedError('points_not_yours', m.onlyOwnPoints);
      }
      person = named;
    }
    await settleForReading(ctx);
    const summary = await pointsSummary(ctx.em, person.id, weekOf(ctx.clock.now(), ctx.tz), RECENT);
    ctx.reply(m.points(person.name, summary, ctx.tz, pointTriggersOf(ctx.capabilities)));
  },
};
