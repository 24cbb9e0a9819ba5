import type { ArgSpec } from '../../chat/commands/arguments.js';
import type { Command } from '../../chat/commands/command.js';
import { personByMention } from '../../people/directory.js';
import { RefusedError } from '../../shared/errors.js';
import { adjustPoints } from '../ledger.js';
import { incentiveMessages as m } from '../messages.js';

const MAX_POINTS = 1000;

const args: readonly ArgSpec[] = [
  { name: 'who', label: '@某人', kind: 'mention' },
  { name: 'points', label: '分数', kind: 'quantity' },
  { name: 'reason', label: '原因', kind: 'text' },
];

/**
 * 加分 / 扣分 @某人 <分数> <原因>: a supervisor's own entry in the ledger, audited, and told
 * to the person privately — never announced in the group.
 */
function adjustCommand(name: string, alias: string, sign: 1 | -1, help: string): Command {
  return {
    name,
    aliases: [alias],
    roles: ['supervisor'],
    help,
    args,
    async run(ctx, parsed) {
      const person = await personByMention(ctx.em, String(parsed.who));
      if (!person) throw new RefusedError('person_unknown', m.unknownPerson(String(parsed.who)));
      const size = Number(parsed.points);
      if (!Number.isInteger(size) || size < 1 || size > MAX_POINTS) {
        throw new RefusedError('bad_points', m.badPoints(String(parsed.points), name));
      }
      const reason = String(parsed.reason).trim();
      const points = sign * size;
      adjustPoints(ctx.em, ctx.actor, person.id, points, reason);
      if (person.id !== ctx.person.id) {
        await ctx.push(
          { kind: 'person', personId: person.id },
          { kind: 'text', text: m.adjustedNotice(ctx.person.name, points, reason) },
        );
      }
      ctx.reply(m.adjusted(person.name, points, reason));
    },
  };
}

export const awardCommand = adjustCommand('加分', 'award-points', 1, m.awardHelp);
export const deductCommand = adjustCommand('扣分', 'deduct-points', -1, m.deductHelp);
