import { raw } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/knex';
import type { Services } from '../services.js';
import { shownAnswer } from './answers.js';
import { formsOf, type FormConfig } from './config.js';
import { FormSubmission, type FieldSnapshot } from './form-submission.entity.js';

/** A form that has a command now, or had one and left rows behind. */
export interface FormOnRecord {
  key: string;
  name: string;
  /** Still declared in factory.yaml; else retired, its rows read through `表单记录` and the API. */
  current: boolean;
  aliases: string[];
  /** Its submissions, superseded ones included. */
  count: number;
  lastId: number | null;
}

/**
 * Every form: those factory.yaml declares, in its order, then those it no longer declares whose
 * rows remain, by key, named as their last submission named them.
 */
export async function formsOnRecord(deps: Pick<Services, 'em' | 'config'>): Promise<FormOnRecord[]> {
  // The SQL drivers' entity manager; the core type does not expose the query builder.
  const rows = (await (deps.em as SqlEntityManager)
    .createQueryBuilder(FormSubmission, 's')
    .select(['s.formKey'])
    .addSelect(raw('count(*) as n'))
    .addSelect(raw('max(s.id) as last_id'))
    .groupBy(['s.formKey'])
    .execute('all', false)) as Array<Record<string, unknown>>;
  const stored = new Map(
    rows.map((r) => [String(r.form_key), { count: Number(r.n), lastId: Number(r.last_id) }]),
  );
  const declared = formsOf(deps.config);
  const current = declared.map((f) => ({
    key: f.key,
    name: f.name,
    current: true,
    aliases: f.aliases,
    count: stored.get(f.key)?.count ?? 0,
    lastId: stored.get(f.key)?.lastId ?? null,
  }));
  const known = new Set(declared.map((f) => f.key));
  const retiredKeys = [...stored.keys()].filter((k) => !known.has(k)).sort();
  const lasts = await deps.em.find(FormSubmission, {
    id: { $in: retiredKeys.map((k) => stored.get(k)?.lastId ?? 0) },
  });
  const nameOf = new Map(lasts.map((s) => [s.formKey, s.formName ?? s.formKey]));
  const retired = retiredKeys.map((key) => ({
    key,
    name: nameOf.get(key) ?? key,
    current: false,
    aliases: [],
    ...(stored.get(key) ?? { count: 0, lastId: null }),
  }));
  return [...current, ...retired];
}

/** The form on record a person or a client names: by key, by name or command word. */
export function formOnRecordNamed(forms: readonly FormOnRecord[], text: string): FormOnRecord | undefined {
  const t = text.trim().toLowerCase();
  return (
    forms.find((f) => f.key === t) ??
    forms.find((f) => f.name.toLowerCase() === t || f.aliases.some((a) => a.toLowerCase() === t))
  );
}

/**
 * The fields to read a submission by: those it was filled with, else (rows from before they were
 * kept) the form's as declared now, then whatever keys its answers have beyond them.
 */
export function fieldsOfSubmission(row: FormSubmission, form: FormConfig | undefined): FieldSnapshot[] {
  const fields: FieldSnapshot[] =
    row.fields ?? form?.fields.map((f) => ({ key: f.key, label: f.label, type: f.type, unit: f.unit })) ?? [];
  const known = new Set(fields.map((f) => f.key));
  const extra = Object.keys(row.answers).filter((k) => !known.has(k));
  return [...fields, ...extra.map((key) => ({ key, label: key, type: 'text' }))];
}

/** `label answer` for each answered field, as the lists show a submission. */
export function answersText(row: FormSubmission, fields: readonly FieldSnapshot[]): string {
  return fields
    .filter((f) => row.answers[f.key] !== undefined)
    .map((f) => `${f.label} ${shownAnswer(f, row.answers[f.key])}`)
    .join('，');
}
