import type { CapabilityConfig } from '../capabilities/capability.js';
import type { FactoryConfig } from '../config/factory-config.js';
import { identifier } from '../config/factory-schema.js';

/** A machine the factory declares; the ERP or a gateway may add more through the API. */
export interface EquipmentConfig {
  code: string;
  name: string;
  type?: string;
  team?: string;
  /** The person id answerable for the machine (its 点检, for one): forms may name them as filler. */
  responsible?: string;
  location?: string;
  model?: string;
  /** YYYY-MM-DD */
  commissionedOn?: string;
}

/** A preventive maintenance plan: for one machine (`equipment`) or every machine of a `type`. */
export interface MaintenancePlanConfig {
  id: string;
  name: string;
  equipment?: string;
  type?: string;
  /** Due every N running hours and/or every N days, whichever comes first. */
  everyHours?: number;
  everyDays?: number;
  /** Remind this many running hours / days before it comes due. */
  leadHours?: number;
  leadDays?: number;
  checklist?: Array<string | { item: string; required?: boolean }>;
  /** A person id, or else a team id; without either the maintenance team (or role) is responsible. */
  person?: string;
  team?: string;
}

export interface MaintenanceConfig {
  /** The team whose group hears of repair tickets and maintenance tasks; else everyone with the maintenance role. */
  team?: string;
  /** A due maintenance task is overdue this many hours after it came due (or after its 延期 date). */
  doneWithinHours: number;
  /** Overdue cadence, as for outsourcing: repeat to the responsible, then the team lead, then the supervisor. */
  repeatHours: number;
  escalateHours: number;
  supervisorHours: number;
  /** The longest 延期 a person may ask for in one go. */
  maxPostponeDays: number;
  plans: MaintenancePlanConfig[];
}

/** Each repair step's time limit in minutes; a ticket that outlives one escalates to the supervisor. */
export interface RepairsConfig {
  acceptMinutes: number;
  startMinutes: number;
  repairMinutes: number;
  verifyMinutes: number;
}

declare module '../config/factory-config.js' {
  interface FactoryConfig {
    equipment: EquipmentConfig[];
    /** Display names of equipment types (`press: 冲床`); built-in names cover the common ones. */
    equipmentTypes: Record<string, string>;
    maintenance: MaintenanceConfig;
    repairs: RepairsConfig;
  }
}

const equipment = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name'],
  properties: {
    code: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,32}$' },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    type: { type: 'string', minLength: 1, maxLength: 64 },
    team: identifier,
    responsible: identifier,
    location: { type: 'string', minLength: 1, maxLength: 100 },
    model: { type: 'string', minLength: 1, maxLength: 100 },
    commissionedOn: { type: 'string', format: 'date' },
  },
} as const;

const checklistText = { type: 'string', minLength: 1, maxLength: 60 } as const;

const maintenancePlan = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name'],
  properties: {
    id: identifier,
    name: { type: 'string', minLength: 1, maxLength: 100 },
    equipment: { type: 'string', minLength: 1, maxLength: 32 },
    type: { type: 'string', minLength: 1, maxLength: 64 },
    everyHours: { type: 'integer', minimum: 1, maximum: 100_000 },
    everyDays: { type: 'integer', minimum: 1, maximum: 3660 },
    leadHours: { type: 'integer', minimum: 0, maximum: 100_000 },
    leadDays: { type: 'integer', minimum: 0, maximum: 3660 },
    checklist: {
      type: 'array',
      maxItems: 20,
      // An item is its text, or `{ item, required: true }` for one that may not be skipped.
      items: {
        anyOf: [
          checklistText,
          {
            type: 'object',
            additionalProperties: false,
            required: ['item'],
            properties: { item: checklistText, required: { type: 'boolean' } },
          },
        ],
      },
    },
    person: identifier,
    team: identifier,
  },
} as const;

const minutes = { type: 'integer', minimum: 1, maximum: 100_000 } as const;

/**
 * What the schema cannot say about equipment and maintenance plans: codes and ids are
 * unique, every reference names something the file declares, a plan has exactly one target
 * and at least one interval, and its lead is shorter than its interval.
 */
function equipmentConfigProblems(config: FactoryConfig): string[] {
  const problems: string[] = [];
  const teams = new Set(config.teams.map((t) => t.id));
  const people = new Set(config.people.map((p) => p.id));
  const codes = new Set<string>();
  config.equipment.forEach((e, i) => {
    if (codes.has(e.code)) problems.push(`equipment[${i}].code: duplicate equipment code "${e.code}"`);
    codes.add(e.code);
    if (e.team !== undefined && !teams.has(e.team))
      problems.push(`equipment[${i}].team: no team with id "${e.team}" in teams`);
    if (e.responsible !== undefined && !people.has(e.responsible))
      problems.push(`equipment[${i}].responsible: no person with id "${e.responsible}" in people`);
  });
  const { team, plans } = config.maintenance;
  if (team !== undefined && !teams.has(team))
    problems.push(`maintenance.team: no team with id "${team}" in teams`);
  const ids = new Set<string>();
  plans.forEach((plan, i) => {
    const at = `maintenance.plans[${i}]`;
    if (ids.has(plan.id)) problems.push(`${at}.id: duplicate plan id "${plan.id}"`);
    ids.add(plan.id);
    if ((plan.equipment === undefined) === (plan.type === undefined))
      problems.push(`${at}: give either "equipment" (one machine) or "type" (every machine of a type)`);
    if (plan.equipment !== undefined && !codes.has(plan.equipment))
      problems.push(`${at}.equipment: no equipment with code "${plan.equipment}" in equipment`);
    if (plan.everyHours === undefined && plan.everyDays === undefined)
      problems.push(`${at}: give "everyHours", "everyDays" or both`);
    if (plan.leadHours !== undefined && plan.everyHours !== undefined && plan.leadHours >= plan.everyHours)
      problems.push(`${at}.leadHours: must be less than everyHours (${plan.everyHours})`);
    if (plan.leadDays !== undefined && plan.everyDays !== undefined && plan.leadDays >= plan.everyDays)
      problems.push(`${at}.leadDays: must be less than everyDays (${plan.everyDays})`);
    if (plan.person !== undefined && !people.has(plan.person))
      problems.push(`${at}.person: no person with id "${plan.person}" in people`);
    if (plan.team !== undefined && !teams.has(plan.team))
      problems.push(`${at}.team: no team with id "${plan.team}" in teams`);
  });
  return problems;
}

/** factory.yaml `equipment:`, `equipmentTypes:`, `maintenance:` (plans, cadence) and `repairs:` (step limits). */
export const equipmentConfig: CapabilityConfig = {
  sections: {
    equipment: { schema: { type: 'array', items: equipment }, defaults: [] satisfies EquipmentConfig[] },
    /** Chinese names of equipment types, e.g. `press: 冲床`, shown wherever a type is. */
    equipmentTypes: {
      schema: {
        type: 'object',
        propertyNames: { type: 'string', minLength: 1, maxLength: 64 },
        additionalProperties: { type: 'string', minLength: 1, maxLength: 32 },
      },
      defaults: {} satisfies Record<string, string>,
    },
    maintenance: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          team: identifier,
          doneWithinHours: { type: 'number', exclusiveMinimum: 0, maximum: 8760 },
          repeatHours: { type: 'number', exclusiveMinimum: 0, maximum: 720 },
          escalateHours: { type: 'number', minimum: 0, maximum: 8760 },
          supervisorHours: { type: 'number', minimum: 0, maximum: 8760 },
          maxPostponeDays: { type: 'integer', minimum: 1, maximum: 365 },
          plans: { type: 'array', items: maintenancePlan },
        },
      },
      defaults: {
        doneWithinHours: 24,
        repeatHours: 8,
        escalateHours: 24,
        supervisorHours: 48,
        maxPostponeDays: 14,
        plans: [],
      } satisfies MaintenanceConfig,
    },
    // A stopped machine costs output every minute: 30 minutes to take the ticket, a shift to fix it.
    repairs: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          acceptMinutes: minutes,
          startMinutes: minutes,
          repairMinutes: minutes,
          verifyMinutes: minutes,
        },
      },
      defaults: {
        acceptMinutes: 30,
        startMinutes: 60,
        repairMinutes: 480,
        verifyMinutes: 240,
      } satisfies RepairsConfig,
    },
  },
  problems: equipmentConfigProblems,
};
