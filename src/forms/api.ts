import { unitOf } from '../app-services.js';
import { defineRoute, type ApiRoute } from '../http/api/api-route.js';
import { personById } from '../people/directory.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import { answersSchema } from './answers.js';
import type { FormConfig } from './config.js';
import { FormSubmission, type AnswerValue } from './form-submission.entity.js';
import { subjectNamed } from './subjects.js';
import { mayFill, submissionsOf, submitForm } from './submission-service.js';

export const FORMS_READ = 'forms:read';
export const FORMS_WRITE = 'forms:write';

interface NewSubmission {
  filledBy: string;
  subject?: string;
  answers: Record<string, AnswerValue>;
  supersedes?: number;
}

const submissionProperties = {
  id: { type: 'integer' },
  form: { type: 'string' },
  subject: { type: ['string', 'null'] },
  team: { type: ['string', 'null'] },
  filledBy: { type: 'string' },
  period: { type: ['string', 'null'] },
  supersedes: { type: ['integer', 'null'] },
  supersededBy: { type: ['integer', 'null'] },
  createdAt: { type: 'string', format: 'date-time' },
};

const submissionSchema = (form: FormConfig) => ({
  type: 'object',
  properties: {
    ...submissionProperties,
    // Old rows keep the fields the form had then, so the document does not forbid others.
    answers: { ...answersSchema(form), additionalProperties: true, required: [] },
  },
});

const view = (s: FormSubmission) => ({
  id: s.id,
  form: s.formKey,
  subject: s.subjectKey ?? null,
  team: s.teamId ?? null,
  filledBy: s.filledBy.id,
  period: s.periodKey ?? null,
  supersedes: s.supersedes ?? null,
  supersededBy: s.supersededBy ?? null,
  createdAt: s.createdAt.toISOString(),
  answers: s.answers,
});

/** A `from` / `to` query parameter, refused when it is not a date-time. */
const at = (text: string | undefined, name: string): Date | undefined => {
  if (text === undefined) return undefined;
  const date = new Date(text);
  if (Number.isNaN(date.getTime()))
    throw new ValidationError(`${name} must be a date-time`, { [name]: text });
  return date;
};

const listQuery = {
  from: { type: 'string', format: 'date-time' },
  to: { type: 'string', format: 'date-time' },
  subject: { type: 'string' },
  history: { type: 'boolean' },
};

/**
 * The submissions of any form by its key, one removed from factory.yaml too: each with the
 * form's name and the fields it was filled with (null on rows from before they were kept).
 */
export const formSubmissionsRoute = defineRoute({
  method: 'get',
  path: '/form-submissions',
  scope: FORMS_READ,
  tag: 'forms',
  summary:
    'List the current submissions of any form by key, including forms removed from factory.yaml, newest first, each with the fields it was filled with',
  query: { form: { type: 'string', description: 'the form key (required)' }, ...listQuery },
  response: {
    type: 'object',
    properties: {
      items: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            ...submissionProperties,
            formName: { type: ['string', 'null'] },
            fields: {
              type: ['array', 'null'],
              items: {
                type: 'object',
                properties: {
                  key: { type: 'string' },
                  label: { type: 'string' },
                  type: { type: 'string' },
                  unit: { type: 'string' },
                },
              },
            },
            answers: { type: 'object' },
          },
        },
      },
    },
  },
  async handle({ em, query }) {
    if (!query.form) throw new ValidationError('form is required', { form: null });
    const rows = await submissionsOf({ em }, query.form, {
      from: at(query.from, 'from'),
      to: at(query.to, 'to'),
      ...(query.subject ? { subjectKey: query.subject } : {}),
      withSuperseded: query.history === 'true',
      limit: 500,
    });
    const items = rows.map((s) => ({ ...view(s), formName: s.formName ?? null, fields: s.fields ?? null }));
    return { body: { items } };
  },
});

/**
 * List, get and create for one form of factory.yaml, each with the form's own schema: the
 * answers a create carries are checked against the fields before anything is stored.
 */
export function formApiRoutes(form: FormConfig): Array<ApiRoute<never>> {
  const base = `/forms/${form.key}/submissions`;
  const one = submissionSchema(form);
  const list = defineRoute({
    method: 'get',
    path: base,
    scope: FORMS_READ,
    tag: 'forms',
    summary: `List the current submissions of 「${form.name}」, newest first (superseded ones with history=true)`,
    query: listQuery,
    response: { type: 'object', properties: { items: { type: 'array', items: one } } },
    async handle({ em, query }) {
      const rows = await submissionsOf({ em }, form.key, {
        from: at(query.from, 'from'),
        to: at(query.to, 'to'),
        ...(query.subject ? { subjectKey: query.subject } : {}),
        withSuperseded: query.history === 'true',
        limit: 500,
      });
      return { body: { items: rows.map(view) } };
    },
  });
  const get = defineRoute({
    method: 'get',
    path: `${base}/:id`,
    scope: FORMS_READ,
    tag: 'forms',
    summary: `One submission of 「${form.name}」`,
    response: one,
    async handle({ em, params }) {
      const id = Number(params.id);
      const found = Number.isInteger(id)
        ? await em.findOne(FormSubmission, { id, formKey: form.key }, { populate: ['filledBy'] })
        : null;
      if (!found) throw new NotFoundError(form.key, params.id ?? '');
      return { body: view(found) };
    },
  });
  const create = defineRoute<NewSubmission>({
    method: 'post',
    path: base,
    scope: FORMS_WRITE,
    tag: 'forms',
    status: 201,
    summary: `Submit 「${form.name}」 for a person (a correction names the submission it supersedes); alarming answers raise what the form says`,
    body: {
      type: 'object',
      additionalProperties: false,
      required: ['filledBy', 'answers', ...(form.about === 'none' ? [] : ['subject'])],
      properties: {
        filledBy: { type: 'string', minLength: 1, maxLength: 64, description: 'person id' },
        subject: {
          type: 'string',
          minLength: 1,
          maxLength: 64,
          description: `the ${form.about} it is about`,
        },
        supersedes: { type: 'integer', minimum: 1 },
        answers: answersSchema(form),
      },
    },
    response: one,
    async handle(request) {
      const { em, body, services } = request;
      const person = await personById(em, body.filledBy);
      if (!person) throw new ValidationError(`no person ${body.filledBy}`, { filledBy: body.filledBy });
      const subject = await subjectNamed(em, form, body.subject ?? '');
      if (!mayFill(form, person, subject))
        throw new ValidationError(`${body.filledBy} may not fill ${form.key}`, { filledBy: body.filledBy });
      const actor = { person, channel: 'api', inboundEventId: null, at: services.clock.now() };
      const done = await submitForm(
        unitOf(services, em),
        actor,
        form,
        subject,
        body.answers,
        body.supersedes,
      );
      await em.populate(done.submission, ['filledBy']);
      return { status: 201, body: view(done.submission) };
    },
  });
  return [list, get, create] as Array<ApiRoute<never>>;
}
