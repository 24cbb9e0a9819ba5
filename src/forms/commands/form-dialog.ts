import type { CommandContext } from '../../chat/context.js';
import type { OutboundContent } from '../../chat/outbound.js';
import { productionDateOf, productionDay } from '../../shared/production-day.js';
import { inZone } from '../../shared/time.js';
import { readAnswer, shownAnswer } from '../answers.js';
import type { FormConfig, FormFieldConfig } from '../config.js';
import type { AnswerValue, FormSubmission } from '../form-submission.entity.js';
import { formMessages as m } from '../messages.js';
import { RefusedError } from '../../shared/errors.js';
import { machineResponsibleOf, subjectNamed, subjectsOf, type Subject } from '../subjects.js';
import { mayFill, submitForm } from '../submission-service.js';

/** What a form being filled in remembers between questions. */
export interface FillingState {
  [key: string]: unknown;
  form: string;
  subject?: Subject;
  answers: Record<string, AnswerValue>;
  /** The field asked next, by position in the form as it is now. */
  at: number;
  supersedes?: number;
}

export const QUESTION_CARD = 'form_question';
const MAX_BUTTONS = 8;

/** Starts filling in `form`, about `subjectText` when the person named it with the command. */
export async function startFilling(
  ctx: CommandContext,
  form: FormConfig,
  subjectText: string | undefined,
  earlier?: FormSubmission,
): Promise<void> {
  const state: FillingState = { form: form.key, answers: {}, at: 0 };
  if (earlier) {
    state.supersedes = earlier.id;
    state.subject = {
      kind: form.about,
      key: earlier.subjectKey ?? null,
      label: earlier.subjectKey ?? '',
      teamId: earlier.teamId ?? null,
      responsibleId: await machineResponsibleOf(ctx.em, form, earlier.subjectKey ?? null),
    };
  } else if (form.about === 'none') {
    state.subject = await subjectNamed(ctx.em, form, '');
  } else if (subjectText !== undefined) {
    state.subject = await subjectNamed(ctx.em, form, subjectText);
  } else {
    // Someone who fills it only as a machine's responsible person is offered their machines.
    const known = (await subjectsOf(ctx.em, form))
      .filter((s) => mayFill(form, ctx.person, s))
      .map((s) => s.key ?? '')
      .filter(Boolean);
    return ctx.ask(
      form.name,
      'subject',
      askWithButtons(ctx, 'subject', m.askSubject(form, known), known),
      state,
    );
  }
  await askNext(ctx, form, state);
}

/** One answer (typed, a photo, or a tapped button) to the question `step` asked. */
export async function answerStep(
  ctx: CommandContext,
  form: FormConfig,
  step: string,
  state: FillingState,
  answer: string,
): Promise<void> {
  if (step === 'subject') {
    state.subject = await subjectNamed(ctx.em, form, answer);
    return askNext(ctx, form, state);
  }
  const field = form.fields[state.at];
  // The form changed under an open question (a restart with a new factory.yaml): start over.
  if (!field || step !== `field:${field.key}`)
    return startFilling(ctx, form, state.subject?.key ?? undefined);
  const today = productionDateOf(ctx.clock.now(), productionDay(ctx.config, ctx.tz));
  const reading = await readAnswer(ctx.em, field, answer, today);
  if ('problem' in reading)
    return ctx.ask(form.name, step, question(ctx, step, field, reading.problem), state);
  if ('value' in reading) state.answers[field.key] = reading.value;
  state.at += 1;
  await askNext(ctx, form, state);
}

async function askNext(ctx: CommandContext, form: FormConfig, state: FillingState): Promise<void> {
  if (state.at === 0 && state.subject && !mayFill(form, ctx.person, state.subject))
    throw new RefusedError('form_not_allowed', m.notAllowedToFillFor(form, state.subject.label));
  const field = form.fields[state.at];
  if (field) {
    const text = m.askField(field, state.at + 1, form.fields.length);
    return ctx.ask(form.name, `field:${field.key}`, question(ctx, `field:${field.key}`, field, text), state);
  }
  const subject = state.subject ?? (await subjectNamed(ctx.em, form, ''));
  const done = await submitForm(ctx.services, ctx.actor, form, subject, state.answers, state.supersedes);
  const s = done.submission;
  ctx.reply(
    ctx.card(
      'form_submission',
      { type: 'form_submission', id: String(s.id), version: '1' },
      {
        title: m.submitted(form, s.id),
        subtitle: subject.label || undefined,
        fields: [
          ...form.fields
            .filter((f) => state.answers[f.key] !== undefined)
            .map((f) => ({ label: f.label, value: shownAnswer(f, state.answers[f.key]) })),
          { label: m.submittedFields.filledBy, value: ctx.person.name },
          ...(s.periodKey ? [{ label: m.submittedFields.period, value: s.periodKey }] : []),
          { label: m.submittedFields.at, value: inZone(s.createdAt, ctx.tz).format('MM-DD HH:mm') },
        ],
        buttons: [],
      },
    ),
  );
  if (state.supersedes !== undefined) ctx.reply(m.corrected(s.id, state.supersedes));
  if (done.alarms.length > 0) ctx.reply(m.alarmsNote(done.alarms, done.exceptionIds));
}

function question(
  ctx: CommandContext,
  step: string,
  field: FormFieldConfig,
  text: string,
): OutboundContent | string {
  if (field.type === 'yes_no') return askWithButtons(ctx, step, text, [m.yes, m.no]);
  if (field.type === 'choice') return askWithButtons(ctx, step, text, field.options ?? []);
  return text;
}

/** A question whose answers are buttons (typing the answer works as well, where cards do not). */
function askWithButtons(
  ctx: CommandContext,
  step: string,
  text: string,
  answers: string[],
): OutboundContent | string {
  if (answers.length === 0 || answers.length > MAX_BUTTONS) return text;
  // The card answers the question open now: once answered (or replaced), its buttons are stale.
  return ctx.card(
    QUESTION_CARD,
    { type: 'form_dialog', id: ctx.person.id, version: step },
    { title: text, fields: [], buttons: answers.map((a) => ({ text: a, action: a })) },
  );
}
