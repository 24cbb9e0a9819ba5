import type { Command } from '../../chat/commands/command.js';
import type { CommandContext } from '../../chat/context.js';
import { hasRole } from '../../people/person-view.js';
import { RefusedError } from '../../shared/errors.js';
import { addDays, productionDateOf, productionDay } from '../../shared/production-day.js';
import { inZone } from '../../shared/time.js';
import { readDate } from '../answers.js';
import type { FormConfig } from '../config.js';
import { offerFormExport, submissionsInDays } from '../export-service.js';
import { FormSubmission } from '../form-submission.entity.js';
import { formMessages as m } from '../messages.js';
import { answersText, fieldsOfSubmission } from '../record-service.js';
import { subjectNamed } from '../subjects.js';
import { mayFill, submissionsOf } from '../submission-service.js';
import { answerStep, startFilling, type FillingState } from './form-dialog.js';

export const LIST_LIMIT = 20;

/** Who may read a form's records beyond their own filling: the people who follow up on them. */
export const mayRead = (ctx: CommandContext) =>
  hasRole(ctx.person, 'team_lead', 'supervisor', 'manager', 'qc');

/**
 * The chat command of one form declared in factory.yaml: `<名>` fills it in (one question at a
 * time), `<名> 列表` lists it, `<名> 导出` links a sheet, `<名> 更正 <编号>` fills a correction.
 */
export function formCommand(form: FormConfig): Command {
  return {
    name: form.name,
    aliases: form.aliases,
    roles: 'staff',
    help: m.formHelp(form),
    args: [
      {
        name: 'rest',
        label: '列表|导出|更正|对象',
        kind: 'text',
        optional: true,
        choices: ['列表', '导出', '更正'],
      },
    ],
    async run(ctx, args) {
      const [verb, ...more] = String(args.rest ?? '')
        .split(' ')
        .filter(Boolean);
      const rest = more.join(' ');
      if (verb === '列表') return list(ctx, form, rest);
      if (verb === '导出') return exportSheet(ctx, form, rest);
      if (!mayFill(form, ctx.person)) throw new RefusedError('form_not_allowed', m.notAllowedToFill(form));
      if (verb === '更正') {
        const id = Number(/^#?(\d+)$/.exec(rest)?.[1]);
        const earlier = Number.isInteger(id)
          ? await ctx.em.findOne(FormSubmission, { id, formKey: form.key })
          : null;
        if (!earlier)
          throw new RefusedError('form_submission_unknown', m.submissionUnknown(form.name, id || 0));
        if (earlier.supersededBy)
          throw new RefusedError('form_submission_superseded', m.alreadySuperseded(id, earlier.supersededBy));
        return startFilling(ctx, form, undefined, earlier);
      }
      return startFilling(ctx, form, verb === undefined ? undefined : [verb, ...more].join(' '));
    },
    // A form's photo question is answered with the photo itself.
    takesImages: true,
    async resume(ctx, step, state, answer) {
      await answerStep(ctx, form, step, state as FillingState, answer);
    },
  };
}

/** `11-23`, `11-01~11-30`, `昨天`: production days from..to, or a refusal. */
export function daysOf(text: string, today: string): [string, string] {
  const parts = text.split(/[~～至到]/).map((t) => readDate(t.trim(), today));
  const [from, to = from] = parts.length > 2 ? [] : parts;
  if (!from || !to || from > to) throw new RefusedError('bad_range', m.badRange(text));
  return [from, to];
}

export function today(ctx: CommandContext): string {
  return productionDateOf(ctx.clock.now(), productionDay(ctx.config, ctx.tz));
}

/** `列表`: today's; `列表 昨天` / `列表 11-30`: that day's; `列表 CNC-01`: that machine's (team's) latest. */
async function list(ctx: CommandContext, form: FormConfig, filter: string): Promise<void> {
  if (!mayRead(ctx)) throw new RefusedError('form_not_allowed', m.notAllowedToSee(form));
  const date = filter === '' ? today(ctx) : readDate(filter, today(ctx));
  let rows: FormSubmission[];
  let label: string;
  if (date !== undefined) {
    rows = (await submissionsInDays(ctx, form, date, date)).reverse();
    label = date;
  } else if (form.about !== 'none') {
    const subject = await subjectNamed(ctx.em, form, filter);
    rows = await submissionsOf(ctx, form.key, {
      subjectKey: subject.key ?? undefined,
      limit: LIST_LIMIT + 1,
    });
    label = subject.label;
  } else throw new RefusedError('bad_filter', m.badListFilter(filter, form));
  if (rows.length === 0) return ctx.reply(m.listEmpty(form.name, label));
  ctx.reply(listText(ctx, form.name, label, rows, form));
}

/** At most LIST_LIMIT submissions, each with its answers as the form had them when it was filled. */
export function listText(
  ctx: CommandContext,
  name: string,
  label: string,
  rows: readonly FormSubmission[],
  form: FormConfig | undefined,
  total = rows.length,
): string {
  const lines = rows
    .slice(0, LIST_LIMIT)
    .map((r) =>
      m.listLine(
        r.id,
        inZone(r.createdAt, ctx.tz).format('MM-DD HH:mm'),
        r.filledBy.name,
        r.subjectKey ?? '',
        answersText(r, fieldsOfSubmission(r, form)),
      ),
    );
  const more = total > LIST_LIMIT ? [m.listMore(total - LIST_LIMIT)] : [];
  return [m.listHeader(name, label, Math.min(total, LIST_LIMIT)), ...lines, ...more].join('\n');
}

/** `导出`: the last seven production days; `导出 11-01~11-30` or one day. */
async function exportSheet(ctx: CommandContext, form: FormConfig, text: string): Promise<void> {
  if (!mayRead(ctx)) throw new RefusedError('form_not_allowed', m.notAllowedToSee(form));
  const now = today(ctx);
  const [from, to] = text === '' ? [addDays(now, -6), now] : daysOf(text, now);
  const rows = await submissionsInDays(ctx, form, from, to);
  const path = offerFormExport(ctx, form, from, to, ctx.person.id);
  const range = from === to ? from : `${from}~${to}`;
  ctx.reply(m.exported(form.name, range, rows.length, `${ctx.publicUrl}${path}`, ctx.config.forms.linkDays));
}
