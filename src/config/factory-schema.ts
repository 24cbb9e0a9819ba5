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
    workOrders: {
      type: 'object',
      additionalProperties: false,
      properties: {
        overReportTolerance: { type: 'number', minimum: 0, maximum: 1 },
      },
    },
    dingtalk: {
      type: 'object',
      additionalProperties: false,
      properties: { cardTemplateId: { type: 'string', pattern: '^[A-Za-z0-9-]+\\.schema$' } },
    },
  },
} as const;
