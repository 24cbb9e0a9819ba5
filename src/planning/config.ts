import type { CapabilityConfig } from '../capabilities/capability.js';
import { WEEKDAYS } from '../config/factory-schema.js';
import { dayjs } from '../shared/time.js';

export type Weekday = (typeof WEEKDAYS)[number];

/**
 * Days the factory works: the load lays work over these days' shifts only. Each part may be left
 * out (the section is merged one level deep): every weekday works, no holidays, no extra days.
 */
export interface FactoryCalendar {
  workingWeekdays?: Weekday[];
  /** Factory-local `YYYY-MM-DD` days off (春节, 国庆) even on a working weekday. */
  holidays?: string[];
  /** Factory-local `YYYY-MM-DD` days worked although their weekday is not (调休上班). */
  extraWorkdays?: string[];
}

/** A stretch a machine is planned not to run (a yearly overhaul), factory-local `YYYY-MM-DD HH:mm`. */
export interface MaintenanceWindow {
  equipment: string;
  from: string;
  to: string;
  reason?: string;
}

export interface PlanningConfig {
  /** How many factory-local days, today included, the load is laid out over. */
  horizonDays: number;
  calendar: FactoryCalendar;
  maintenanceWindows: MaintenanceWindow[];
  /** A 停机 with no repair ticket is taken to last this long from when it began (at least until now). */
  stoppedHours: number;
  /** A maintenance round someone took on (保养中) is taken to last this long from when it was taken. */
  maintenanceHours: number;
}

/**
 * Whether the factory works on a factory-local `YYYY-MM-DD`: an extra workday (调休) always, a
 * holiday never, otherwise by its weekday. Without a calendar every day is a working day.
 */
export function workingDayTest(calendar: FactoryCalendar): (day: string) => boolean {
  const weekdays = new Set(calendar.workingWeekdays ?? WEEKDAYS);
  const holidays = new Set(calendar.holidays ?? []);
  const extra = new Set(calendar.extraWorkdays ?? []);
  if (weekdays.size === WEEKDAYS.length && holidays.size === 0) return () => true;
  return (day) => {
    if (extra.has(day)) return true;
    if (holidays.has(day)) return false;
    // dayjs: 0 = Sunday; WEEKDAYS starts on Monday.
    return weekdays.has(WEEKDAYS[(dayjs(day).day() + 6) % 7]!);
  };
}

declare module '../config/factory-config.js' {
  interface FactoryConfig {
    planning: PlanningConfig;
  }
}

const date = { type: 'string', format: 'date' } as const;
const localTime = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2} ([01]\\d|2[0-3]):[0-5]\\d$' } as const;
const hours = { type: 'number', exclusiveMinimum: 0, maximum: 1000 } as const;

/** factory.yaml `planning:`. */
export const planningConfig: CapabilityConfig = {
  sections: {
    planning: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          horizonDays: { type: 'integer', minimum: 1, maximum: 60 },
          calendar: {
            type: 'object',
            additionalProperties: false,
            properties: {
              workingWeekdays: {
                type: 'array',
                uniqueItems: true,
                minItems: 1,
                items: { enum: [...WEEKDAYS] },
              },
              holidays: { type: 'array', items: date, maxItems: 400 },
              extraWorkdays: { type: 'array', items: date, maxItems: 400 },
            },
          },
          maintenanceWindows: {
            type: 'array',
            maxItems: 500,
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['equipment', 'from', 'to'],
              properties: {
                equipment: { type: 'string', minLength: 1, maxLength: 32 },
                from: localTime,
                to: localTime,
                reason: { type: 'string', minLength: 1, maxLength: 60 },
              },
            },
          },
          stoppedHours: hours,
          maintenanceHours: hours,
        },
      },
      defaults: {
        horizonDays: 14,
        calendar: {},
        maintenanceWindows: [],
        stoppedHours: 4,
        maintenanceHours: 2,
      } satisfies PlanningConfig,
    },
  },
  problems(config) {
    return config.planning.maintenanceWindows.flatMap((w, i) =>
      w.to > w.from
        ? []
        : [`planning.maintenanceWindows[${i}]: "to" (${w.to}) must be after "from" (${w.from})`],
    );
  },
};
