import type { Capability, CapabilityConfig } from '../capabilities/capability.js';
import { chatFeaturesOf } from '../capabilities/assembled.js';
import type { FactoryConfig, Role } from '../config/factory-config.js';
import { identifier, ROLES } from '../config/factory-schema.js';

export const FIELD_TYPES = [
  'text',
  'number',
  'choice',
  'multi_choice',
  'yes_no',
  'date',
  'photo',
  'person',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];
export const SUBJECT_KINDS = ['equipment', 'work_order', 'team', 'none'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];
export const PERIODS = ['shift', 'day', 'week'] as const;
export type FormPeriod = (typeof PERIODS)[number];
const EXCEPTION_KINDS = ['material', 'equipment', 'quality', 'other'] as const;

/** What an alarming answer (out of limits, or the bad side of a yes/no) sets off. */
export interface FieldAlert {
  /** Raise a production exception of this kind (once per submission and field). */
  exception?: (typeof EXCEPTION_KINDS)[number];
  /** Tell everyone with these roles. */
  notify?: Role[];
}

export interface FormFieldConfig {
  key: string;
  label: string;
  type: FieldType;
  required: boolean;
  unit?: string;
  min?: number;
  max?: number;
  options?: string[];
  /** For yes_no: which answer is the alarming one (油位正常: no; 异响: yes). */
  alarmOn?: 'yes' | 'no';
  alert?: FieldAlert;
}

export interface FormConfig {
  /** Stable id: the API path and the stored rows use it, so renaming the form keeps its data. */
  key: string;
  /** The command word people say, and the title of its cards and sheets. */
  name: string;
  aliases: string[];
  about: SubjectKind;
  /**
   * Who may fill it in: any of these roles, or anyone of these teams, or (a form about a machine)
   * the machine's `responsible` person, who is then the one reminded. None of them: every staff member.
   */
  filledBy: { roles: Role[]; teams: string[]; machineResponsible: boolean };
  /** When it is due for each of its subjects; unset: filled when needed. */
  due?: FormPeriod;
  fields: FormFieldConfig[];
}

export interface FormsConfig {
  /** Reminders of a missed form: the person this long after the period began, then their lead. */
  remindAfterMinutes: number;
  leadAfterMinutes: number;
  /** How long an export link works. */
  linkDays: number;
  list: FormConfig[];
}

declare module '../config/factory-config.js' {
  interface FactoryConfig {
    forms: FormsConfig;
  }
}

const word = { type: 'string', minLength: 1, maxLength: 20, pattern: '^\\S+$' } as const;

const fieldSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['key', 'label', 'type'],
  properties: {
    key: { type: 'string', pattern: '^[a-z][a-zA-Z0-9_]{0,39}$' },
    label: { type: 'string', minLength: 1, maxLength: 30 },
    type: { enum: FIELD_TYPES },
    required: { type: 'boolean' },
    unit: { type: 'string', minLength: 1, maxLength: 10 },
    min: { type: 'number' },
    max: { type: 'number' },
    options: {
      type: 'array',
      minItems: 2,
      maxItems: 12,
      uniqueItems: true,
      items: { type: 'string', minLength: 1, maxLength: 20 },
    },
    alarmOn: { enum: ['yes', 'no'] },
    alert: {
      type: 'object',
      additionalProperties: false,
      properties: {
        exception: { enum: EXCEPTION_KINDS },
        notify: { type: 'array', uniqueItems: true, items: { enum: ROLES } },
      },
    },
  },
};

const formSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['key', 'name', 'fields'],
  properties: {
    key: { type: 'string', pattern: '^[a-z][a-z0-9-]{0,39}$' },
    name: word,
    aliases: { type: 'array', maxItems: 5, items: word },
    about: { enum: SUBJECT_KINDS },
    filledBy: {
      type: 'object',
      additionalProperties: false,
      properties: {
        roles: { type: 'array', uniqueItems: true, items: { enum: ROLES } },
        teams: { type: 'array', uniqueItems: true, items: identifier },
        machineResponsible: { type: 'boolean' },
      },
    },
    due: { enum: PERIODS },
    fields: { type: 'array', minItems: 1, maxItems: 30, items: fieldSchema },
  },
};

/** factory.yaml `forms:` (README: Forms). */
export const formsConfig: CapabilityConfig = {
  sections: {
    forms: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          remindAfterMinutes: { type: 'integer', minimum: 1, maximum: 1440 },
          leadAfterMinutes: { type: 'integer', minimum: 1, maximum: 2880 },
          linkDays: { type: 'integer', minimum: 1, maximum: 31 },
          list: { type: 'array', maxItems: 50, items: formSchema },
        },
      },
      defaults: {
        remindAfterMinutes: 60,
        leadAfterMinutes: 120,
        linkDays: 7,
        list: [],
      } satisfies FormsConfig,
    },
  },
  problems: formProblems,
};

/** The forms with what the schema leaves optional filled in. */
export function formsOf(config: FactoryConfig): FormConfig[] {
  return config.forms.list.map((raw) => {
    const form = raw as Partial<FormConfig> & Pick<FormConfig, 'key' | 'name' | 'fields'>;
    return {
      ...form,
      aliases: form.aliases ?? [],
      about: form.about ?? 'none',
      filledBy: {
        roles: form.filledBy?.roles ?? [],
        teams: form.filledBy?.teams ?? [],
        machineResponsible: form.filledBy?.machineResponsible ?? false,
      },
      fields: form.fields.map((f) => ({ ...f, required: f.required ?? true })),
    };
  });
}

/** `帮助` and `取消`: the chat's own words, which no capability declares. */
const BUILT_IN_WORDS = ['帮助', 'help', '?', '菜单', '取消', 'cancel'];

/** The references and words a schema cannot check: teams, duplicates, collisions with commands. */
function formProblems(config: FactoryConfig, capabilities: readonly Capability[]): string[] {
  const problems: string[] = [];
  const taken = new Map<string, string>(BUILT_IN_WORDS.map((w) => [w.toLowerCase(), 'the chat itself']));
  for (const feature of chatFeaturesOf(capabilities))
    for (const command of feature.commands ?? [])
      for (const w of [command.name, ...command.aliases])
        taken.set(w.toLowerCase(), `the command ${command.name}`);
  const teams = new Set(config.teams.map((t) => t.id));
  const keys = new Map<string, number>();
  config.forms.list.forEach((form, i) => {
    const at = `forms.list[${i}]`;
    const firstKey = keys.get(form.key);
    if (firstKey !== undefined)
      problems.push(`${at}.key: "${form.key}" is already used by forms.list[${firstKey}]`);
    else keys.set(form.key, i);
    [form.name, ...(form.aliases ?? [])].forEach((w, j) => {
      const path = j === 0 ? `${at}.name` : `${at}.aliases[${j - 1}]`;
      const owner = taken.get(w.toLowerCase());
      if (owner) problems.push(`${path}: command word "${w}" is already used by ${owner}`);
      else taken.set(w.toLowerCase(), `forms.list[${i}]`);
    });
    (form.filledBy?.teams ?? []).forEach((t, j) => {
      if (!teams.has(t)) problems.push(`${at}.filledBy.teams[${j}]: no team with id "${t}" in teams`);
    });
    if (form.filledBy?.machineResponsible && form.about !== 'equipment')
      problems.push(`${at}.filledBy.machineResponsible: only a form about equipment has a machine`);
    if (form.due !== undefined && (form.about ?? 'none') === 'work_order')
      problems.push(`${at}.due: a form about a work order cannot be due per period`);
    const fieldKeys = new Set<string>();
    form.fields.forEach((f, j) => {
      const path = `${at}.fields[${j}]`;
      if (fieldKeys.has(f.key)) problems.push(`${path}.key: duplicate field key "${f.key}"`);
      fieldKeys.add(f.key);
      const choices = f.type === 'choice' || f.type === 'multi_choice';
      if (choices && !f.options) problems.push(`${path}.options: a ${f.type} field needs options`);
      if (!choices && f.options) problems.push(`${path}.options: only choice fields have options`);
      if (f.type !== 'number' && (f.min !== undefined || f.max !== undefined || f.unit !== undefined))
        problems.push(`${path}: unit, min and max belong to number fields`);
      if (f.min !== undefined && f.max !== undefined && f.min > f.max)
        problems.push(`${path}.max: must not be below min (${f.min})`);
      if (f.alarmOn !== undefined && f.type !== 'yes_no')
        problems.push(`${path}.alarmOn: only yes_no fields have it`);
      const alarms =
        f.type === 'yes_no' || (f.type === 'number' && (f.min !== undefined || f.max !== undefined));
      if (f.alert && !alarms)
        problems.push(`${path}.alert: only yes_no fields and numbers with limits can alarm`);
    });
  });
  return problems;
}
