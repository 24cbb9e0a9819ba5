import { Ajv } from 'ajv';
import type { CapabilityConfig } from '../capabilities/capability.js';
import type { FactoryConfig } from '../config/factory-config.js';
import { hhmm, identifier } from '../config/factory-schema.js';

export interface OutsourcingStateConfig {
  /** Stored on the order; the factory renames `name` freely, never `id`. */
  id: string;
  name: string;
  returned?: boolean;
  final?: boolean;
}

export interface OutsourcingConfig {
  /** In order; the first is where a new order starts. */
  states: OutsourcingStateConfig[];
  /** State id → the state ids it may move to; without it, each state moves to the next. */
  transitions?: Record<string, string[]>;
  /** JSON Schema of an order's custom fields. */
  customFields: Record<string, unknown>;
  /** Time of day an expected return given as a date alone means (factory zone). */
  defaultReturnTime: string;
  /** Where partner-page photos were kept before the media store (`media.dir`) took them. */
  photoDir: string;
  /** How long a partner's link stays valid. */
  linkDays: number;
}

export interface RemindersConfig {
  /** Yellow, with one heads-up, this many hours before the expected return. */
  warnHours: number;
  repeatHours: number;
  escalateHours: number;
  supervisorHours: number;
}

declare module '../config/factory-config.js' {
  interface FactoryConfig {
    outsourcing: OutsourcingConfig;
    reminders: RemindersConfig;
  }
}

const outsourcingState = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name'],
  properties: {
    id: identifier,
    name: { type: 'string', minLength: 1, maxLength: 16 },
    /** The batch is back at the factory: reminders stop. */
    returned: { type: 'boolean' },
    /** The order is closed: off the board and the lists. */
    final: { type: 'boolean' },
  },
} as const;

/**
 * What the schema cannot say about the outsourcing states: ids are unique, transitions name
 * known states, there is a state meaning "back at the factory" and one meaning "closed", and
 * the custom-field schema compiles (a broken one would refuse every order later).
 */
function outsourcingConfigProblems(config: FactoryConfig): string[] {
  const problems: string[] = [];
  const { states, transitions, customFields } = config.outsourcing;
  const ids = new Set<string>();
  states.forEach((s, i) => {
    if (ids.has(s.id)) problems.push(`outsourcing.states[${i}].id: duplicate state id "${s.id}"`);
    ids.add(s.id);
  });
  if (!states.some((s) => s.returned)) {
    problems.push('outsourcing.states: mark the state a returned batch enters with "returned: true"');
  }
  if (!states.some((s) => s.final)) {
    problems.push('outsourcing.states: mark the closing state with "final: true"');
  }
  if (states[0]?.returned || states[0]?.final) {
    problems.push('outsourcing.states[0]: a new order starts here, so it cannot be returned or final');
  }
  for (const [from, targets] of Object.entries(transitions ?? {})) {
    if (!ids.has(from)) problems.push(`outsourcing.transitions.${from}: no state with id "${from}"`);
    for (const to of targets) {
      if (!ids.has(to)) problems.push(`outsourcing.transitions.${from}: no state with id "${to}"`);
    }
  }
  try {
    new Ajv({ allErrors: true, strict: false }).compile(customFields);
  } catch (error) {
    problems.push(`outsourcing.customFields: not a usable JSON Schema: ${(error as Error).message}`);
  }
  return problems;
}

/** factory.yaml `outsourcing:` (states, fields, links) and `reminders:` (the chase cadence). */
export const outsourcingConfig: CapabilityConfig = {
  sections: {
    outsourcing: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          states: { type: 'array', minItems: 2, items: outsourcingState },
          transitions: {
            type: 'object',
            propertyNames: identifier,
            additionalProperties: { type: 'array', items: identifier },
          },
          /** A JSON Schema for the order's custom fields; checked to compile at start-up. */
          customFields: { type: 'object' },
          defaultReturnTime: hhmm,
          photoDir: { type: 'string', minLength: 1 },
          linkDays: { type: 'integer', minimum: 1, maximum: 366 },
        },
      },
      defaults: {
        states: [
          { id: 'shipped', name: '已发货' },
          { id: 'processing', name: '加工中' },
          { id: 'inspecting', name: '待质检', returned: true },
          { id: 'done', name: '已完成', final: true },
        ],
        customFields: { type: 'object' },
        defaultReturnTime: '17:00',
        photoDir: './data/photos',
        linkDays: 30,
      } satisfies OutsourcingConfig,
    },
    reminders: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          warnHours: { type: 'number', minimum: 0, maximum: 720 },
          repeatHours: { type: 'number', exclusiveMinimum: 0, maximum: 720 },
          escalateHours: { type: 'number', minimum: 0, maximum: 720 },
          supervisorHours: { type: 'number', minimum: 0, maximum: 720 },
        },
      },
      defaults: {
        warnHours: 24,
        repeatHours: 4,
        escalateHours: 8,
        supervisorHours: 24,
      } satisfies RemindersConfig,
    },
  },
  problems: outsourcingConfigProblems,
};
