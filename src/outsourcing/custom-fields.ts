import { Ajv, type ValidateFunction } from 'ajv';
import type { OutsourcingConfig } from './config.js';
import { RefusedError } from '../shared/errors.js';
import { outsourcingMessages as m } from './messages.js';

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
const compiled = new WeakMap<object, ValidateFunction>();

/** A required custom field, as the create dialog asks for it. */
export interface CustomFieldPrompt {
  key: string;
  title: string;
  type: string;
  options: string[] | undefined;
}

function validatorOf(config: OutsourcingConfig): ValidateFunction {
  let validate = compiled.get(config.customFields);
  if (!validate) {
    validate = ajv.compile(config.customFields);
    compiled.set(config.customFields, validate);
  }
  return validate;
}

/** Checks an order's custom fields against `outsourcing.customFields`; refuses with every problem. */
export function checkCustomFields(config: OutsourcingConfig, values: Record<string, unknown>): void {
  const validate = validatorOf(config);
  if (validate(values)) return;
  const problems = (validate.errors ?? []).map((e) => {
    const field = e.instancePath.replace(/^\//, '') || String(e.params.missingProperty ?? '');
    return `${titleOf(config, field)}${m.customFieldRule(e.keyword, e.params as Record<string, unknown>, e.message)}`;
  });
  throw new RefusedError('custom_fields_invalid', m.customFieldsInvalid(problems), { problems });
}

/** The required fields the file declares, in order, for the dialog to ask. */
export function requiredCustomFields(config: OutsourcingConfig): CustomFieldPrompt[] {
  const schema = config.customFields as { required?: unknown; properties?: Record<string, unknown> };
  const required = Array.isArray(schema.required) ? schema.required.map(String) : [];
  return required.map((key) => {
    const prop = (schema.properties?.[key] ?? {}) as { type?: unknown; enum?: unknown };
    return {
      key,
      title: titleOf(config, key),
      type: typeof prop.type === 'string' ? prop.type : 'string',
      options: Array.isArray(prop.enum) ? prop.enum.map(String) : undefined,
    };
  });
}

/** A dialog answer as the declared type: `12.5` for a number field, the text otherwise. */
export function customFieldValue(prompt: CustomFieldPrompt, answer: string): unknown {
  if (prompt.type === 'number' || prompt.type === 'integer') {
    const n = Number(answer);
    return Number.isFinite(n) && answer.trim() !== '' ? n : answer;
  }
  if (prompt.type === 'boolean') return /^(是|有|true|yes|y)$/i.test(answer.trim());
  return answer.trim();
}

function titleOf(config: OutsourcingConfig, key: string): string {
  const schema = config.customFields as { properties?: Record<string, { title?: unknown }> };
  const title = schema.properties?.[key]?.title;
  return typeof title === 'string' ? title : key;
}
