import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Person } from '../people/person.entity.js';

/** An answer as stored: numbers as numbers, yes/no as booleans, multi-choice as a list. */
export type AnswerValue = string | number | boolean | string[];

/** A field as the form declared it when the submission was made: enough to show the answer. */
export interface FieldSnapshot {
  key: string;
  label: string;
  type: string;
  unit?: string;
}

/**
 * One filled-in form. Never edited: a correction is a new submission that supersedes this one
 * (`supersededBy` is the only column written later, to say so). The answers keep the field keys
 * of the form as it was, so a field removed from factory.yaml stays readable in old rows.
 */
export const FormSubmission = defineEntity({
  name: 'FormSubmission',
  tableName: 'form_submissions',
  indexes: [{ properties: ['formKey', 'createdAt'] }, { properties: ['formKey', 'periodKey', 'subjectKey'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    formKey: p.string().length(40),
    /**
     * The form's name and fields as they were when it was filled, so its rows stay readable after
     * the form is removed from factory.yaml (`表单记录`). Null on rows from before they were kept.
     */
    formName: p.string().length(20).nullable(),
    fields: p.json<FieldSnapshot[]>().nullable(),
    /** `equipment`, `work_order`, `team` or `none`, as the form said when it was filled. */
    subjectKind: p.string().length(16),
    subjectKey: p.string().length(64).nullable(),
    /** The subject's team (a machine's team, the team itself), else the filler's: completion is per team. */
    teamId: p.string().length(64).nullable(),
    filledBy: () => p.manyToOne(Person),
    answers: p.json<Record<string, AnswerValue>>(),
    /** The shift, day or week it counts for (`2026-12-01 白班`, `2026-12-01`, `2026-W49`); null when not scheduled. */
    periodKey: p.string().length(32).nullable(),
    supersedes: p.integer().nullable(),
    supersededBy: p.integer().nullable(),
    createdAt: p.datetime(3),
  },
});

export type FormSubmission = InferEntity<typeof FormSubmission>;
