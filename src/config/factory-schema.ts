/**
 * The JSON Schema of `factory.yaml`. Each capability owns its section; unknown keys are
 * refused everywhere so that a typo is an error at start-up, not a setting silently ignored.
 */
export const ROLES = [
  'worker',
  'team_lead',
  'supervisor',
  'planner',
  'coordinator',
  'partner',
  'qc',
  'maintenance',
  'manager',
  'admin',
] as const;

const hhmm = { type: 'string', format: 'hhmm' } as const;
const identifier = { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' } as const;

const shift = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'start', 'end'],
  properties: { name: { type: 'string', minLength: 1 }, start: hhmm, end: hhmm },
} as const;

const team = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name'],
  properties: {
    id: identifier,
    name: { type: 'string', minLength: 1 },
    wecomGroup: { type: 'string', minLength: 1 },
    wecomBotGroup: { type: 'string', minLength: 1 },
    dingtalkGroup: { type: 'string', minLength: 1 },
  },
} as const;

const person = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'roles'],
  properties: {
    id: identifier,
    name: { type: 'string', minLength: 1 },
    roles: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ROLES } },
    team: identifier,
    wecom: { type: 'string', minLength: 1 },
    dingtalk: { type: 'string', minLength: 1 },
    phone: { type: 'string', pattern: '^\\+?[0-9-]{5,20}$' },
  },
} as const;

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

/** The day of the week the leaderboard is posted (incentives.leaderboardDay). */
export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;

/** One incentive rule; its trigger and condition are checked against each other after the schema. */
const incentiveRule = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'name', 'on', 'points'],
  properties: {
    id: identifier,
    /** Shown to workers in 积分 and 规则. */
    name: { type: 'string', minLength: 1, maxLength: 32 },
    on: identifier,
    when: { type: 'string', minLength: 1, maxLength: 500 },
    points: { type: 'integer', minimum: -1000, maximum: 1000 },
    dailyCap: { type: 'integer', minimum: 1, maximum: 100_000 },
    weeklyCap: { type: 'integer', minimum: 1, maximum: 100_000 },
  },
} as const;

const equipment = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'name'],
  properties: {
    code: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,32}$' },
    name: { type: 'string', minLength: 1, maxLength: 100 },
    type: { type: 'string', minLength: 1, maxLength: 64 },
    team: identifier,
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

export const factorySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    factory: {
      type: 'object',
      additionalProperties: false,
      properties: { name: { type: 'string', minLength: 1 } },
    },
    shifts: { type: 'array', minItems: 1, items: shift },
    teams: { type: 'array', items: team },
    people: { type: 'array', items: person },
    chat: {
      type: 'object',
      additionalProperties: false,
      properties: {
        dialogExpiryMinutes: { type: 'integer', minimum: 1, maximum: 1440 },
      },
    },
    digest: {
      type: 'object',
      additionalProperties: false,
      properties: {
        time: hhmm,
        riskDays: { type: 'integer', minimum: 0, maximum: 60 },
        teamGroups: { type: 'boolean' },
      },
    },
    productionDay: {
      type: 'object',
      additionalProperties: false,
      properties: { startsAt: hhmm },
    },
    workOrders: {
      type: 'object',
      additionalProperties: false,
      properties: {
        overReportTolerance: { type: 'number', minimum: 0, maximum: 1 },
        undoMinutes: { type: 'integer', minimum: 0, maximum: 1440 },
      },
    },
    outsourcing: {
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
    reminders: {
      type: 'object',
      additionalProperties: false,
      properties: {
        warnHours: { type: 'number', minimum: 0, maximum: 720 },
        repeatHours: { type: 'number', exclusiveMinimum: 0, maximum: 720 },
        escalateHours: { type: 'number', minimum: 0, maximum: 720 },
        supervisorHours: { type: 'number', minimum: 0, maximum: 720 },
      },
    },
    incentives: {
      type: 'object',
      additionalProperties: false,
      properties: {
        leaderboardDay: { enum: WEEKDAYS },
        leaderboardTime: hhmm,
        leaderboardSize: { type: 'integer', minimum: 1, maximum: 20 },
        rules: { type: 'array', items: incentiveRule },
      },
    },
    equipment: { type: 'array', items: equipment },
    /** Chinese names of equipment types, e.g. `press: 冲床`, shown wherever a type is. */
    equipmentTypes: {
      type: 'object',
      propertyNames: { type: 'string', minLength: 1, maxLength: 64 },
      additionalProperties: { type: 'string', minLength: 1, maxLength: 32 },
    },
    maintenance: {
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
    repairs: {
      type: 'object',
      additionalProperties: false,
      properties: {
        acceptMinutes: minutes,
        startMinutes: minutes,
        repairMinutes: minutes,
        verifyMinutes: minutes,
      },
    },
    dingtalk: {
      type: 'object',
      additionalProperties: false,
      properties: { cardTemplateId: { type: 'string', pattern: '^[A-Za-z0-9-]+\\.schema$' } },
    },
  },
} as const;
