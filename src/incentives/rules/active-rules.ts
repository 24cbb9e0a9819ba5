import { pointTriggersOf } from '../../capabilities/assembled.js';
import type { Capability } from '../../capabilities/capability.js';
import type { PointTrigger } from '../../capabilities/point-trigger.js';
import type { FactoryConfig } from '../../config/factory-config.js';
import type { IncentiveRuleConfig } from '../config.js';
import { compileCondition, ConditionError, type Condition } from './expression.js';

/** A rule of factory.yaml, checked and with its condition parsed. */
export interface ActiveRule {
  id: string;
  name: string;
  /** The name of the trigger it pays for (`on:`). */
  trigger: string;
  /** That trigger, as the capability offering it declared it. */
  source: PointTrigger;
  condition: Condition | undefined;
  points: number;
  dailyCap: number | undefined;
  weeklyCap: number | undefined;
}

/**
 * What the JSON Schema cannot say about the rules: ids are unique, the trigger is one the app's
 * capabilities offer, the condition parses and names only that trigger's fields. Each problem
 * names the rule.
 */
export function incentiveRuleProblems(config: FactoryConfig, capabilities: readonly Capability[]): string[] {
  const triggers = pointTriggersOf(capabilities);
  const problems: string[] = [];
  const seen = new Map<string, number>();
  config.incentives.rules.forEach((rule, i) => {
    const where = (key: string) => `incentives.rules[${i}].${key} (rule "${rule.id}")`;
    const first = seen.get(rule.id);
    if (first !== undefined) problems.push(`${where('id')}: already used by incentives.rules[${first}]`);
    else seen.set(rule.id, i);
    if (rule.points === 0) problems.push(`${where('points')}: must not be 0`);
    const trigger = triggers.find((t) => t.name === rule.on);
    if (!trigger) {
      const names = triggers.map((t) => t.name).join(', ');
      problems.push(`${where('on')}: unknown trigger "${rule.on}" (triggers: ${names})`);
      return;
    }
    if (rule.when === undefined) return;
    try {
      compileCondition(rule.when, trigger.fields, rule.on);
    } catch (error) {
      if (!(error instanceof ConditionError)) throw error;
      problems.push(`${where('when')}: ${error.message}`);
    }
  });
  return problems;
}

/**
 * The rules in factory.yaml order, each with the trigger it pays for among `triggers` (those of
 * the app's capabilities); the loader has already refused any that do not check.
 */
export function activeRules(config: FactoryConfig, triggers: readonly PointTrigger[]): ActiveRule[] {
  return config.incentives.rules.map((rule) => toActiveRule(rule, triggers));
}

function toActiveRule(rule: IncentiveRuleConfig, triggers: readonly PointTrigger[]): ActiveRule {
  const source = triggers.find((t) => t.name === rule.on);
  if (!source) throw new Error(`incentive rule "${rule.id}" has unknown trigger "${rule.on}"`);
  return {
    id: rule.id,
    name: rule.name,
    trigger: rule.on,
    source,
    condition: rule.when === undefined ? undefined : compileCondition(rule.when, source.fields, rule.on),
    points: rule.points,
    dailyCap: rule.dailyCap,
    weeklyCap: rule.weeklyCap,
  };
}
