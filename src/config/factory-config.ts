import type { ROLES, WEEKDAYS } from './factory-schema.js';

export type Role = (typeof ROLES)[number];

export interface ShiftConfig {
  name: string;
  start: string;
  end: string;
}

export interface TeamConfig {
  id: string;
  name: string;
  wecomGroup?: string;
  wecomBotGroup?: string;
  dingtalkGroup?: string;
}

export interface PersonConfig {
  id: string;
  name: string;
  roles: Role[];
  team?: string;
  wecom?: string;
  dingtalk?: string;
  phone?: string;
}

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

/** One incentive rule: a trigger, a condition on its fields, points (factory.example.yaml shows the form). */
export interface IncentiveRuleConfig {
  id: string;
  name: string;
  /** The trigger: work_report, task_finished, shift_reported, repair_accepted, maintenance_done. */
  on: string;
  /** A condition on the event's fields, e.g. `good >= 50 and scrap == 0`; always when absent. */
  when?: string;
  points: number;
  /** Most points this rule gives one person in a factory-local day / week (Monday to Sunday). */
  dailyCap?: number;
  weeklyCap?: number;
}

export interface IncentivesConfig {
  leaderboardDay: (typeof WEEKDAYS)[number];
  /** When the weekly leaderboard goes to the team groups (factory zone). */
  leaderboardTime: string;
  /** How many people each team's leaderboard praises by name. */
  leaderboardSize: number;
  rules: IncentiveRuleConfig[];
}

/** A machine the factory declares; the ERP or a gateway may add more through the API. */
export interface EquipmentConfig {
  code: string;
  name: string;
  type?: string;
  team?: string;
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

/** `factory.yaml` after validation, with every default filled in. */
export interface FactoryConfig {
  factory: { name: string };
  shifts: ShiftConfig[];
  teams: TeamConfig[];
  people: PersonConfig[];
  chat: { dialogExpiryMinutes: number };
  digest: { time: string; riskDays: number; teamGroups: boolean };
  /** When the production day begins (HH:mm, factory zone); the first shift's start when unset. */
  productionDay: { startsAt?: string };
  /** undoMinutes: how long a worker may 撤销 their own last report. */
  workOrders: { overReportTolerance: number; undoMinutes: number };
  dingtalk: { cardTemplateId?: string };
  outsourcing: OutsourcingConfig;
  reminders: RemindersConfig;
  incentives: IncentivesConfig;
  equipment: EquipmentConfig[];
  /** Display names of equipment types (`press: 冲床`); built-in names cover the common ones. */
  equipmentTypes: Record<string, string>;
  maintenance: MaintenanceConfig;
  repairs: RepairsConfig;
}

/** A small metalworking shop, so a factory with no file still gets sensible behaviour. */
export const defaultFactoryConfig: FactoryConfig = {
  factory: { name: '示例五金厂' },
  shifts: [
    { name: '白班', start: '08:00', end: '20:00' },
    { name: '夜班', start: '20:00', end: '08:00' },
  ],
  teams: [],
  people: [],
  chat: { dialogExpiryMinutes: 30 },
  digest: { time: '07:30', riskDays: 3, teamGroups: false },
  productionDay: {},
  workOrders: { overReportTolerance: 0.05, undoMinutes: 30 },
  dingtalk: {},
  outsourcing: {
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
  },
  reminders: { warnHours: 24, repeatHours: 4, escalateHours: 8, supervisorHours: 24 },
  // On-time reporting earns points (PRODUCT.md: voluntary use rose from 37% to 92% with it).
  // Off the full hour: the platforms ask bots not to push at :00.
  incentives: {
    leaderboardDay: 'monday',
    leaderboardTime: '09:10',
    leaderboardSize: 3,
    rules: [
      { id: 'report', name: '报工', on: 'work_report', points: 1, dailyCap: 5 },
      { id: 'shift-reported', name: '当班全部按时报工', on: 'shift_reported', points: 3 },
      {
        id: 'finished-on-plan',
        name: '按计划完工',
        on: 'task_finished',
        when: 'minutesBeforePlannedEnd >= 0',
        points: 2,
      },
    ],
  },
  equipment: [],
  equipmentTypes: {},
  maintenance: {
    doneWithinHours: 24,
    repeatHours: 8,
    escalateHours: 24,
    supervisorHours: 48,
    maxPostponeDays: 14,
    plans: [],
  },
  // A stopped machine costs output every minute: 30 minutes to take the ticket, a shift to fix it.
  repairs: { acceptMinutes: 30, startMinutes: 60, repairMinutes: 480, verifyMinutes: 240 },
};
