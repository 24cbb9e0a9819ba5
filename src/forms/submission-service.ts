import { recordAudit, type Actor } from '../chat/audit/actor.js';
import type { Role } from '../config/factory-config.js';
import { peopleWithRole } from '../people/directory.js';
import type { PersonView } from '../people/person-view.js';
import type { Services } from '../services.js';
import { RefusedError } from '../shared/errors.js';
import { raiseFormException } from '../workorders/exception-service.js';
import { isAlarming, shownAnswer } from './answers.js';
import { formsOf, type FormConfig } from './config.js';
import { FormSubmission, type AnswerValue } from './form-submission.entity.js';
import { formMessages as m } from './messages.js';
import { periodAt } from './periods.js';
import type { Subject } from './subjects.js';

/** The form a command word or an API path names. */
export function formByKey(services: Pick<Services, 'config'>, key: string): FormConfig | undefined {
  return formsOf(services.config).find((f) => f.key === key);
}

/**
 * Whether this person may fill the form in: one of its roles, one of its teams, or (a form that
 * says so) the responsible person of the machine it is about; with none of these, all staff.
 * Without a subject yet (before the machine is named), whether they might fill it for some machine.
 */
export function mayFill(form: FormConfig, person: PersonView, subject?: Subject): boolean {
  if (person.roles.includes('admin')) return true;
  const { roles, teams, machineResponsible } = form.filledBy;
  const staff = person.roles.some((r) => r !== 'partner');
  const open = roles.length === 0 && teams.length === 0;
  const byRoleOrTeam = open
    ? staff && !machineResponsible
    : roles.some((r) => person.roles.includes(r)) ||
      (person.teamId !== undefined && teams.includes(person.teamId));
  if (byRoleOrTeam || !machineResponsible) return byRoleOrTeam;
  if (subject === undefined) return staff;
  if (subject.responsibleId) return subject.responsibleId === person.id;
  // A machine nobody answers for is anyone's to check, unless the form names roles or teams.
  return open && staff;
}

export interface Submitted {
  submission: FormSubmission;
  /** The labels of the fields whose answer alarmed. */
  alarms: string[];
  exceptionIds: number[];
}

/**
 * Stores one filled-in form and sets off what its alarming answers call for: a production
 * exception of the field's kind and a message to the field's roles, once. A correction
 * (`supersedes`) replaces the earlier submission, which stays as it was; an alarm the earlier
 * one already raised is not raised again.
 */
export async function submitForm(
  deps: Services,
  actor: Actor,
  form: FormConfig,
  subject: Subject,
  answers: Record<string, AnswerValue>,
  supersedes?: number,
): Promise<Submitted> {
  const { em } = deps;
  const earlier = supersedes === undefined ? null : await em.findOne(FormSubmission, supersedes);
  if (supersedes !== undefined) {
    if (!earlier || earlier.formKey !== form.key)
      throw new RefusedError('form_submission_unknown', m.submissionUnknown(form.name, supersedes), {
        id: supersedes,
      });
    if (earlier.supersededBy !== null && earlier.supersededBy !== undefined)
      throw new RefusedError(
        'form_submission_superseded',
        m.alreadySuperseded(supersedes, earlier.supersededBy),
      );
  }
  const period = form.due ? periodAt(form.due, actor.at, deps.config, deps.tz) : undefined;
  const submission = em.create(FormSubmission, {
    formKey: form.key,
    formName: form.name,
    fields: form.fields.map((f) => ({
      key: f.key,
      label: f.label,
      type: f.type,
      ...(f.unit === undefined ? {} : { unit: f.unit }),
    })),
    subjectKind: earlier?.subjectKind ?? subject.kind,
    subjectKey: earlier ? earlier.subjectKey : subject.key,
    teamId: earlier ? earlier.teamId : (subject.teamId ?? actor.person.teamId ?? null),
    filledBy: actor.person.id,
    answers,
    // A correction counts for the period of what it corrects, whenever it is made.
    periodKey: earlier ? earlier.periodKey : (period?.key ?? null),
    supersedes: earlier?.id ?? null,
    supersededBy: null,
    createdAt: actor.at,
  });
  await em.flush(); // the id is the number people quote in a correction
  if (earlier) earlier.supersededBy = submission.id;
  recordAudit(em, actor, 'form.submit', 'form_submission', submission.id, {
    form: form.key,
    supersedes: earlier?.id,
  });

  const alarming = form.fields.filter(
    (f) => isAlarming(f, answers[f.key]) && !(earlier && isAlarming(f, earlier.answers[f.key])),
  );
  const exceptionIds: number[] = [];
  const where = subject.label || (earlier?.subjectKey ?? '');
  for (const field of alarming) {
    const reason = m.alarmReason(
      form.name,
      where,
      field.label,
      shownAnswer(field, answers[field.key]),
      field,
    );
    if (field.alert?.exception)
      exceptionIds.push((await raiseFormException(deps, actor, field.alert.exception, reason)).id);
    await notifyRoles(
      deps,
      field.alert?.notify ?? [],
      actor,
      m.alarmNotice(actor.person.name, reason, submission.id),
      `form-alarm:${submission.id}:${field.key}`,
    );
  }
  await deps.events.publish(deps, 'forms.submitted', {
    submission,
    formName: form.name,
    alarms: alarming.map((f) => f.label),
  });
  return { submission, alarms: alarming.map((f) => f.label), exceptionIds };
}

async function notifyRoles(
  deps: Services,
  roles: readonly Role[],
  actor: Actor,
  text: string,
  dedupeKey: string,
): Promise<void> {
  const told = new Set<string>([actor.person.id]);
  for (const role of roles)
    for (const person of await peopleWithRole(deps.em, role)) {
      if (told.has(person.id)) continue;
      told.add(person.id);
      await deps.outbox.enqueue(
        deps.em,
        { kind: 'person', personId: person.id },
        { kind: 'text', text },
        { dedupeKey: `${dedupeKey}:${person.id}` },
      );
    }
}

export interface SubmissionFilter {
  from?: Date;
  to?: Date;
  subjectKey?: string;
  teamId?: string;
  /** Superseded submissions too (the API's history); lists and sheets show the current ones. */
  withSuperseded?: boolean;
  limit?: number;
}

/** A form's submissions, newest first. */
export async function submissionsOf(
  deps: Pick<Services, 'em'>,
  formKey: string,
  filter: SubmissionFilter = {},
): Promise<FormSubmission[]> {
  return deps.em.find(
    FormSubmission,
    {
      formKey,
      ...(filter.withSuperseded ? {} : { supersededBy: null }),
      ...(filter.subjectKey === undefined ? {} : { subjectKey: filter.subjectKey }),
      ...(filter.teamId === undefined ? {} : { teamId: filter.teamId }),
      ...(filter.from || filter.to
        ? {
            createdAt: {
              ...(filter.from ? { $gte: filter.from } : {}),
              ...(filter.to ? { $lt: filter.to } : {}),
            },
          }
        : {}),
    },
    {
      populate: ['filledBy'],
      orderBy: { createdAt: 'desc', id: 'desc' },
      ...(filter.limit ? { limit: filter.limit } : {}),
    },
  );
}
