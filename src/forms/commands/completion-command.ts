import type { Command } from '../../chat/commands/command.js';
import { Team } from '../../people/team.entity.js';
import { RefusedError } from '../../shared/errors.js';
import { addDays, productionDateOf, productionDay, productionInterval } from '../../shared/production-day.js';
import { dayjs } from '../../shared/time.js';
import { readDate } from '../answers.js';
import { completionRates } from '../completion-service.js';
import { formMessages as m } from '../messages.js';

/** `表单完成率 [本周|上周|日期~日期]`: done/due per scheduled form and team, periods starting in the range. */
export const completionCommand: Command = {
  name: '表单完成率',
  aliases: ['form-completion'],
  roles: ['team_lead', 'supervisor', 'manager'],
  help: m.completionHelp,
  args: [
    { name: 'range', label: '本周|上周|日期~日期', kind: 'text', optional: true, choices: ['本周', '上周'] },
  ],
  async run(ctx, args) {
    const day = productionDay(ctx.config, ctx.tz);
    const today = productionDateOf(ctx.clock.now(), day);
    const monday = addDays(today, -((dayjs(today).day() + 6) % 7));
    const text = String(args.range ?? '本周');
    let from: string | undefined;
    let to: string | undefined;
    if (text === '本周') [from, to] = [monday, today];
    else if (text === '上周') [from, to] = [addDays(monday, -7), addDays(monday, -1)];
    else [from, to] = text.split(/[~～]/).map((t) => readDate(t.trim(), today));
    to ??= from;
    if (!from || !to || from > to) throw new RefusedError('bad_range', m.badRange(text));
    const rows = await completionRates(
      ctx,
      productionInterval(from, day).start,
      productionInterval(addDays(to, 1), day).start,
    );
    if (rows.length === 0) return ctx.reply(m.completionNone);
    const teams = new Map((await ctx.em.find(Team, {})).map((t) => [t.id, t.name]));
    ctx.reply(
      [
        m.completionHeader(from === to ? from : `${from}~${to}`),
        ...rows.map((r) =>
          m.completionLine(
            r.formName,
            r.teamId === null ? m.noTeam : (teams.get(r.teamId) ?? r.teamId),
            r.done,
            r.due,
          ),
        ),
      ].join('\n'),
    );
  },
};
