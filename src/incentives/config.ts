import type { CapabilityConfig } from '../capabilities/capability.js';
import { hhmm, identifier, WEEKDAYS } from '../config/factory-schema.js';
import { incentiveRuleProblems } from './rules/active-rules.js';

/** One incentive rule: a trigger, a condition on its fields, points (factory.example.yaml shows the form). */
export interface IncentiveRuleConfig {
  id: string;
  name: string;
  /** The trigger: one a capability offers (`pointTriggers`), e.g. work_report or repair_accepted. */
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

declare module '../config/factory-config.js' {
  interface FactoryConfig {
    incentives: IncentivesConfig;
  }
}

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

/** factory.yaml `incentives:`: the rules that pay points and the weekly leaderboard. */
export const incentivesConfig: CapabilityConfig = {
  sections: {
    incentives: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          leaderboardDay: { enum: WEEKDAYS },
          leaderboardTime: hhmm,
          leaderboardSize: { type: 'integer', minimum: 1, maximum: 20 },
          rules: { type: 'array', items: incentiveRule },
        },
      },
      // On-time reporting earns points (PRODUCT.md: voluntary use rose from 37% to 92% with it).
      // Off the full hour: the platforms ask bots not to push at :00.
      defaults: {
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
      } satisfies IncentivesConfig,
    },
  },
  problems: incentiveRuleProblems,
};
