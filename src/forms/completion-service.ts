import type { Services } from '../services.js';
import { formsOf } from './config.js';
import { FormSubmission } from './form-submission.entity.js';
import { periodsStartingIn } from './periods.js';
import { subjectsOf } from './subjects.js';

export interface CompletionRow {
  formKey: string;
  formName: string;
  /** null: subjects of no team (a machine without one, a form about nothing). */
  teamId: string | null;
  done: number;
  due: number;
}

/**
 * How many of the due (period, subject) pairs of each scheduled form were filled in, per team,
 * for the periods starting in [from, to). A correction counts once, for the period it corrects.
 */
export async function completionRates(
  deps: Pick<Services, 'em' | 'config' | 'tz'>,
  from: Date,
  to: Date,
): Promise<CompletionRow[]> {
  const rows: CompletionRow[] = [];
  for (const form of formsOf(deps.config)) {
    if (!form.due) continue;
    const periods = periodsStartingIn(form.due, from, to, deps.config, deps.tz);
    const subjects = await subjectsOf(deps.em, form);
    const filled =
      periods.length === 0
        ? []
        : await deps.em.find(
            FormSubmission,
            { formKey: form.key, supersededBy: null, periodKey: { $in: periods.map((p) => p.key) } },
            { fields: ['periodKey', 'subjectKey'] },
          );
    const done = new Set(filled.map((s) => `${s.periodKey}|${s.subjectKey ?? ''}`));
    const byTeam = new Map<string | null, CompletionRow>();
    for (const subject of subjects) {
      const row = byTeam.get(subject.teamId) ?? {
        formKey: form.key,
        formName: form.name,
        teamId: subject.teamId,
        done: 0,
        due: 0,
      };
      byTeam.set(subject.teamId, row);
      for (const period of periods) {
        row.due += 1;
        if (done.has(`${period.key}|${subject.key ?? ''}`)) row.done += 1;
      }
    }
    // Teams by id, subjects of no team last.
    rows.push(
      ...[...byTeam.values()].sort((a, b) =>
        a.teamId === null ? 1 : b.teamId === null ? -1 : a.teamId.localeCompare(b.teamId),
      ),
    );
  }
  return rows;
}

/** The same, one figure per form over all its teams: the line a form adds to `KPI`. */
export async function completionPerForm(
  deps: Pick<Services, 'em' | 'config' | 'tz'>,
  from: Date,
  to: Date,
): Promise<Array<{ formName: string; done: number; due: number }>> {
  const forms = new Map<string, { formName: string; done: number; due: number }>();
  for (const row of await completionRates(deps, from, to)) {
    const form = forms.get(row.formKey) ?? { formName: row.formName, done: 0, due: 0 };
    form.done += row.done;
    form.due += row.due;
    forms.set(row.formKey, form);
  }
  return [...forms.values()];
}
