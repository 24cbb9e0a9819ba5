/**
 * The JSON Schema of `factory.yaml`'s core sections. Each capability owns its own sections; unknown keys are
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

export const hhmm = { type: 'string', format: 'hhmm' } as const;
export const identifier = { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,64}$' } as const;

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

/** The sections every factory has; capabilities add theirs (src/capabilities/config-sections.ts). */
export const coreSchema = {
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
    productionDay: {
      type: 'object',
      additionalProperties: false,
      properties: { startsAt: hhmm },
    },
    dingtalk: {
      type: 'object',
      additionalProperties: false,
      properties: { cardTemplateId: { type: 'string', pattern: '^[A-Za-z0-9-]+\\.schema$' } },
    },
    media: {
      type: 'object',
      additionalProperties: false,
      properties: {
        dir: { type: 'string', minLength: 1, maxLength: 500 },
        maxMegabytes: { type: 'number', exclusiveMinimum: 0, maximum: 20 },
        linkHours: { type: 'integer', minimum: 1, maximum: 720 },
      },
    },
    plugins: {
      type: 'array',
      maxItems: 50,
      uniqueItems: true,
      items: { type: 'string', minLength: 1, maxLength: 500 },
    },
  },
} as const;
