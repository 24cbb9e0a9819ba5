import type { EntityManager } from '@mikro-orm/core';
import { parseQuantity, withArabicNumerals } from '../chat/text/chinese-number.js';
import { normalizeText } from '../chat/text/normalize.js';
import { personByMention } from '../people/directory.js';
import { addDays } from '../shared/production-day.js';
import type { FormConfig, FormFieldConfig } from './config.js';
import type { AnswerValue } from './form-submission.entity.js';
import { formMessages as m } from './messages.js';

export type Reading = { value: AnswerValue } | { skipped: true } | { problem: string };

const YES = /^(是|对|有|正常|好|ok|y|yes|√|✓|1)$/i;
const NO = /^(否|不|不是|没有|无|不正常|异常|n|no|×|x|0)$/i;
const SKIP = /^(跳过|略|-|skip)$/i;

/** A number as people type it: `0.65`, `０．６５`, `六十五`, with or without the unit. */
export function readNumber(text: string, unit?: string): number | undefined {
  let t = normalizeText(text).replace(/\s+/g, '');
  if (unit) t = t.replace(new RegExp(`${unit.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i'), '');
  t = t.replace(/[。]/g, '.');
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  const decimal = /^(.+)点(.+)$/.exec(t);
  if (decimal) {
    const whole = parseQuantity(decimal[1] as string);
    const digits = withArabicNumerals([...(decimal[2] as string)].join(' ')).replace(/\s/g, '');
    if (whole !== undefined && /^\d+$/.test(digits)) return Number(`${whole}.${digits}`);
  }
  return parseQuantity(t);
}

/** One chat answer to one field, or what is wrong with it (Chinese, for the person). */
export async function readAnswer(
  em: EntityManager,
  field: FormFieldConfig,
  raw: string,
  today: string,
): Promise<Reading> {
  const text = normalizeText(raw);
  if (text === '' || SKIP.test(text))
    return field.required ? { problem: m.answerRequired(field.label) } : { skipped: true };
  switch (field.type) {
    case 'text':
      return { value: text.slice(0, 500) };
    case 'number': {
      const n = readNumber(text, field.unit);
      return n === undefined ? { problem: m.notANumber(field.label, text) } : { value: n };
    }
    case 'yes_no':
      if (YES.test(text)) return { value: true };
      if (NO.test(text)) return { value: false };
      return { problem: m.notYesNo(field.label) };
    case 'choice': {
      const option = optionOf(field, text);
      return option === undefined
        ? { problem: m.notAnOption(field.label, field.options ?? []) }
        : { value: option };
    }
    case 'multi_choice': {
      const picked = text
        .split(/[、,，;；\s]+/)
        .filter(Boolean)
        .map((t) => optionOf(field, t));
      if (picked.length === 0 || picked.some((o) => o === undefined))
        return { problem: m.notAnOption(field.label, field.options ?? []) };
      return { value: [...new Set(picked as string[])] };
    }
    case 'date': {
      const date = readDate(text, today);
      return date === undefined ? { problem: m.notADate(text) } : { value: date };
    }
    case 'photo': {
      const media = /^#image (\S+)$/.exec(raw.trim())?.[1];
      return media === undefined ? { problem: m.sendAPhoto(field.label) } : { value: media };
    }
    case 'person': {
      const person = await personByMention(em, text.replace(/^@/, ''));
      return person ? { value: person.id } : { problem: m.unknownPerson(text) };
    }
  }
}

function optionOf(field: FormFieldConfig, text: string): string | undefined {
  const options = field.options ?? [];
  const exact = options.find((o) => o.toLowerCase() === text.toLowerCase());
  if (exact) return exact;
  const n = parseQuantity(text);
  return n !== undefined && Number.isInteger(n) && n >= 1 ? options[n - 1] : undefined;
}

export function readDate(text: string, today: string): string | undefined {
  if (text === '今天') return today;
  if (text === '昨天') return addDays(today, -1);
  const full = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  const short = /^(\d{1,2})[-/.](\d{1,2})$/.exec(text);
  const [y, mo, d] = full
    ? [full[1], full[2], full[3]]
    : short
      ? [today.slice(0, 4), short[1], short[2]]
      : [];
  if (!y || !mo || !d) return undefined;
  const date = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return Number.isNaN(Date.parse(`${date}T00:00:00Z`)) ? undefined : date;
}

/** Whether an answer is the alarming kind: out of the field's limits, or the bad side of a yes/no. */
export function isAlarming(field: FormFieldConfig, value: AnswerValue | undefined): boolean {
  if (value === undefined) return false;
  if (field.type === 'yes_no') return value === ((field.alarmOn ?? 'no') === 'yes');
  if (field.type === 'number' && typeof value === 'number')
    return (field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max);
  return false;
}

/** An answer as the summary card, the list and the sheet show it. */
export function shownAnswer(
  field: { type: string; unit?: string } | undefined,
  value: AnswerValue | undefined,
): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? m.yes : m.no;
  if (Array.isArray(value)) return value.join('、');
  if (field?.type === 'photo') return m.photoTaken;
  if (typeof value === 'number' && field?.unit) return `${value} ${field.unit}`;
  return String(value);
}

const fieldSchema = (f: FormFieldConfig): Record<string, unknown> => {
  const described = { title: f.label };
  switch (f.type) {
    case 'number':
      // Limits alarm, they do not refuse: an out-of-limit reading is exactly what the form is for.
      return { ...described, type: 'number', ...(f.unit ? { description: `in ${f.unit}` } : {}) };
    case 'yes_no':
      return { ...described, type: 'boolean' };
    case 'choice':
      return { ...described, enum: f.options ?? [] };
    case 'multi_choice':
      return {
        ...described,
        type: 'array',
        minItems: 1,
        uniqueItems: true,
        items: { enum: f.options ?? [] },
      };
    case 'date':
      return { ...described, type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
    case 'photo':
      return { ...described, type: 'string', minLength: 1, maxLength: 200, description: 'media id or URL' };
    case 'person':
      return { ...described, type: 'string', minLength: 1, maxLength: 64, description: 'person id' };
    case 'text':
      return { ...described, type: 'string', minLength: 1, maxLength: 500 };
  }
};

/** The JSON Schema of a form's answers, as the API validates them and the OpenAPI document shows them. */
export function answersSchema(form: FormConfig): Record<string, unknown> {
  return {
    type: 'object',
    additionalProperties: false,
    required: form.fields.filter((f) => f.required).map((f) => f.key),
    properties: Object.fromEntries(form.fields.map((f) => [f.key, fieldSchema(f)])),
  };
}
