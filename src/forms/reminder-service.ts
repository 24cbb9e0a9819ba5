import { createHash } from 'node:crypto';
import { OutboxMessage } from '../chat/outbox/outbox-message.entity.js';
import { teamLeads, peopleWithRole } from '../people/directory.js';
import { Person } from '../people/person.entity.js';
import { toPersonView, type PersonView } from '../people/person-view.js';
import type { Services } from '../services.js';
import { formsOf, type FormConfig } from './config.js';
import { FormSubmission } from './form-submission.entity.js';
import { formMessages as m } from './messages.js';
import { periodAt } from './periods.js';
import { subjectsOf, type Subject } from './subjects.js';
import { mayFill } from './submission-service.js';

const MINUTE = 60_000;

/**
 * A scheduled form not filled for a subject in the current period: `remindAfterMinutes` into
 * the period the people who fill it (the subject's team, else everyone allowed) are reminded,
 * `leadAfterMinutes` in their team lead (else the supervisors). Each reminder is sent once.
 */
export async function remindMissedForms(deps: Services): Promise<number> {
  const now = deps.clock.now();
  const { remindAfterMinutes, leadAfterMinutes } = deps.config.forms;
  let sent = 0;
  const people = (
    await deps.em.find(Person, { active: true }, { populate: ['team'], orderBy: { id: 'asc' } })
  ).map(toPersonView);
  for (const form of formsOf(deps.config)) {
    if (!form.due) continue;
    const period = periodAt(form.due, now, deps.config, deps.tz);
    if (!period) continue;
    const late = now.getTime() - period.start.getTime();
    if (late < remindAfterMinutes * MINUTE) continue;
    const filled = await deps.em.find(
      FormSubmission,
      { formKey: form.key, periodKey: period.key, supersededBy: null },
      { fields: ['subjectKey'] },
    );
    const done = new Set(filled.map((s) => s.subjectKey ?? ''));
    for (const subject of await subjectsOf(deps.em, form)) {
      if (done.has(subject.key ?? '')) continue;
      const fillers = fillersOf(form, subject, people);
      const key = `form:${form.key}:${period.key}:${subject.key ?? '-'}`;
      for (const person of fillers)
        sent += await tell(
          deps,
          person.id,
          m.reminder(form.name, subject.label, period.key),
          `${key}:${person.id}`,
        );
      if (late < leadAfterMinutes * MINUTE) continue;
      const names = fillers.map((p) => p.name).join('、');
      for (const lead of await leadsOf(deps, subject, form, fillers))
        sent += await tell(
          deps,
          lead,
          m.leadReminder(form.name, subject.label, period.key, names),
          `${key}:lead:${lead}`,
        );
    }
  }
  return sent;
}

/**
 * Who is reminded: the machine's responsible person where the form says they fill it; else
 * whoever may fill it of the subject's team (of any team when the subject has none).
 */
function fillersOf(form: FormConfig, subject: Subject, people: readonly PersonView[]): PersonView[] {
  const responsible = form.filledBy.machineResponsible
    ? people.find((p) => p.id === subject.responsibleId)
    : undefined;
  if (responsible) return [responsible];
  return people.filter(
    (p) =>
      mayFill(form, p, subject) &&
      !p.roles.includes('admin') &&
      (subject.teamId === null || p.teamId === subject.teamId),
  );
}

/** A responsible person's own lead; else the leads of the subject's team; else the supervisors. */
async function leadsOf(
  deps: Services,
  subject: Subject,
  form: FormConfig,
  fillers: readonly PersonView[],
): Promise<string[]> {
  const responsible = form.filledBy.machineResponsible
    ? fillers.find((p) => p.id === subject.responsibleId)
    : undefined;
  const own = responsible?.teamId ? await teamLeads(deps.em, responsible.teamId) : [];
  if (own.some((id) => id !== responsible?.id)) return own.filter((id) => id !== responsible?.id);
  const teamId = subject.teamId ?? (form.filledBy.teams.length === 1 ? form.filledBy.teams[0] : undefined);
  const leads = teamId ? await teamLeads(deps.em, teamId) : [];
  return leads.length > 0 ? leads : (await peopleWithRole(deps.em, 'supervisor')).map((p) => p.id);
}

async function tell(deps: Services, personId: string, text: string, key: string): Promise<number> {
  // The outbox refuses a key twice (a unique column): look first, so a job run repeats nothing.
  const dedupeKey = key.length <= 180 ? key : `form:${createHash('sha256').update(key).digest('hex')}`;
  if ((await deps.em.count(OutboxMessage, { dedupeKey })) > 0) return 0;
  const written = await deps.outbox.enqueue(
    deps.em,
    { kind: 'person', personId },
    { kind: 'text', text },
    { dedupeKey },
  );
  return written.length;
}
