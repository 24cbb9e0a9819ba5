import type { ArgSpec, ParsedArgs } from '../../chat/commands/arguments.js';
import type { Command } from '../../chat/commands/command.js';
import type { CommandContext } from '../../chat/context.js';
import { personByMention } from '../../people/directory.js';
import { hasRole, type PersonView } from '../../people/person-view.js';
import { RefusedError } from '../../shared/errors.js';
import { dayjs, inZone } from '../../shared/time.js';
import { earningsOf } from '../earnings-service.js';
import { payMessages as m, type EarningLine } from '../messages.js';

const MONTH = /^(\d{4})(?:-|年)(\d{1,2})月?$/;
const MONTH_OF_YEAR = /^(\d{1,2})月份?$/;
/** Months people name by word, as months back from this one. */
const MONTH_WORDS: Record<string, number> = { 本月: 0, 这个月: 0, 上月: 1, 上个月: 1 };

/**
 * Whose pay this person may see: their own; a lead, their team's; a supervisor or manager,
 * anyone's. Nobody else's pay is ever shown to a worker.
 */
export function mayView(viewer: PersonView, subject: PersonView): boolean {
  if (viewer.id === subject.id || hasRole(viewer, 'supervisor', 'manager')) return true;
  return hasRole(viewer, 'team_lead') && viewer.teamId !== undefined && viewer.teamId === subject.teamId;
}

export async function subjectOf(ctx: CommandContext, who: string | undefined): Promise<PersonView> {
  if (who === undefined) return ctx.person;
  const subject = await personByMention(ctx.em, who.replace(/^@/, ''));
  if (!subject) throw new RefusedError('person_not_found', m.personNotFound(who));
  if (!mayView(ctx.person, subject)) throw new RefusedError('not_yours', m.notYours);
  return subject;
}

/** The entries of the span grouped by order, operation and rate, in the order they were earned. */
async function linesOf(
  ctx: CommandContext,
  personId: string,
  from: string,
  to: string,
): Promise<EarningLine[]> {
  const lines = new Map<string, EarningLine>();
  for (const e of await earningsOf(ctx.em, personId, { from, to })) {
    if (!e.report || !e.rate) {
      // A deduction for pieces rejected at 终检: one line per reason.
      const key = `reject|${e.reasonCode ?? ''}`;
      const line = lines.get(key) ?? {
        order: '',
        operation: '',
        good: 0,
        scrap: 0,
        fenPerPiece: 0,
        fen: 0,
        deductionFen: 0,
        shared: e.splitAmong > 1,
        reasonCode: e.reasonCode ?? '',
      };
      line.scrap += e.scrap;
      line.fen += e.fen;
      lines.set(key, line);
      continue;
    }
    const task = e.report.task;
    const shared = e.splitAmong > 1;
    const key = `${task.workOrder.number}|${task.sequence}|${e.rate.id}|${shared}`;
    const line = lines.get(key) ?? {
      order: task.workOrder.number,
      operation: task.name,
      good: 0,
      scrap: 0,
      fenPerPiece: e.rate.fenPerPiece,
      fen: 0,
      deductionFen: 0,
      shared,
    };
    line.good += e.good;
    line.scrap += e.scrap;
    line.fen += e.fen;
    line.deductionFen += e.deductionFen;
    lines.set(key, line);
  }
  // An operation whose reports were all taken back earned nothing: it is no line of the breakdown.
  return [...lines.values()].filter((l) => l.good !== 0 || l.scrap !== 0 || l.fen !== 0);
}

const mayAsk: Command['roles'] = ['worker', 'team_lead', 'supervisor', 'manager'];

export const todayEarningsCommand: Command = {
  name: '今日收入',
  aliases: ['earnings-today'],
  roles: mayAsk,
  help: m.todayHelp,
  args: [{ name: 'who', label: '姓名', kind: 'text', optional: true }],
  async run(ctx, args) {
    const subject = await subjectOf(ctx, args.who === undefined ? undefined : String(args.who));
    const today = inZone(ctx.clock.now(), ctx.tz).format('YYYY-MM-DD');
    ctx.reply(m.earnings(subject.name, '今日', await linesOf(ctx, subject.id, today, today)));
  },
};

/** `[<姓名>] [<月份>]`, in either order: `本月收入 刘洋 2026-11` and `本月收入 2026-11 刘洋` are one. */
export const personAndMonth: ArgSpec[] = [
  { name: 'first', label: '姓名', kind: 'word', optional: true },
  { name: 'second', label: '月份', kind: 'word', optional: true },
];

export function readPersonAndMonth(args: ParsedArgs): { who?: string; monthWord?: string } {
  const words = [args.first, args.second].filter((w) => w !== undefined).map(String);
  const monthWord = words.find((w) => /^\d/.test(w) || w in MONTH_WORDS);
  const who = words.find((w) => w !== monthWord);
  return { ...(who !== undefined && { who }), ...(monthWord !== undefined && { monthWord }) };
}

export const monthEarningsCommand: Command = {
  name: '本月收入',
  aliases: ['earnings', '工资'],
  roles: mayAsk,
  help: m.monthHelp,
  args: personAndMonth,
  async run(ctx, args) {
    const { who, monthWord } = readPersonAndMonth(args);
    const month = monthOf(monthWord ?? '本月', ctx);
    const subject = await subjectOf(ctx, who);
    const first = `${month}-01`;
    const last = dayjs(first).endOf('month').format('YYYY-MM-DD');
    ctx.reply(m.earnings(subject.name, `${month} `, await linesOf(ctx, subject.id, first, last)));
  },
};

/**
 * The month a person named: `2026-11`, `2026年11月`, `11月` (the latest November not to
 * come: in January, 12月 is last December), or 本月 / 上月.
 */
export function monthOf(word: string, ctx: Pick<CommandContext, 'clock' | 'tz'>): string {
  const now = inZone(ctx.clock.now(), ctx.tz).startOf('month');
  const back = MONTH_WORDS[word];
  if (back !== undefined) return now.subtract(back, 'month').format('YYYY-MM');
  const full = MONTH.exec(word);
  const ofYear = MONTH_OF_YEAR.exec(word);
  const monthNumber = Number(full?.[2] ?? ofYear?.[1]);
  if ((!full && !ofYear) || monthNumber < 1 || monthNumber > 12)
    throw new RefusedError('bad_month', m.badMonth(word));
  const year = full ? Number(full[1]) : monthNumber > now.month() + 1 ? now.year() - 1 : now.year();
  return `${year}-${String(monthNumber).padStart(2, '0')}`;
}
