import type { FactoryConfig } from '../../config/factory-config.js';
import type { IncentiveRuleConfig } from '../config.js';
import { compileCondition, ConditionError, type Condition } from './expression.js';
import { isTrigger, TRIGGERS, TRIGGER_NAMES, type TriggerName } from './triggers.js';

/** A rule of factory.yaml, checked and with its condition parsed. */
export interface ActiveRule {
  id: string;
  name: string;
  trigger: TriggerName;
  condition: Condition | undefined;
  points: number;
  dailyCap: number | undefined;
  weeklyCap: number | undefined;
}

/**
 * What the JSON Schema cannot say about the rules: ids are unique, the trigger exists, the
 * condition parses and names only that trigger's fields. Each problem names the rule.
 */
export function incentiveRuleProblems(config: FactoryConfig): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  config.incentives.rules.forEach((rule, i) => {
    const where = (key: string) => `incentives.rules[${i}].${key} (rule "${rule.id}")`;
    const first = seen.get(rule.id);
    if (first !== undefined) problems.push(`${where('id')}: already used by incentives.rules[${first}]`);
    else seen.set(rule.id, i);
    if (rule.points === 0) problems.push(`${where('points')}: must not be 0`);
    if (!isTrigger(rule.on)) {
      problems.push(`${where('on')}: unknown trigger "${rule.on}" (triggers: ${TRIGGER_NAMES.join(', ')})`);
      return;
    }
    if (rule.when === undefined) return;
    try {
      compileCondition(rule.when, TRIGGERS[rule.on].fields, rule.on);
    } catch (error) {
      if (!(error instanceof ConditionError)) throw error;
      problems.push(`${where('when')}: ${error.message}`);
    }
  });
  return problems;
}

/** The rules in factory.yaml order; the loader has already refused any that do not check. */
export function activeRules(config: FactoryConfig): ActiveRule[] {
  return config.incentives.rules.map(toActiveRule);
}

function toActiveRule(rule: IncentiveRuleConfig): ActiveRule {
  if (!isTrigger(rule.on)) throw new Error(`incentive rule "${rule.id}" has unknown trigger "${rule.on}"`);
  return {
    id: rule.id,
    name: rule.name,
    trigger: rule.on,
    condition:
      rule.when === undefined ? undefined : compileCondition(rule.when, TRIGGERS[rule.on].fields, rule.on),
    points: rule.points,
    dailyCap: rule.dailyCap,
    weeklyCap: rule.weeklyCap,
  };
}
