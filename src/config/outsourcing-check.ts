import { Ajv } from 'ajv';
import type { FactoryConfig } from './factory-config.js';

/**
 * What the schema cannot say about the outsourcing states: ids are unique, transitions name
 * known states, there is a state meaning "back at the factory" and one meaning "closed", and
 * the custom-field schema compiles (a broken one would refuse every order later).
 */
export function outsourcingConfigProblems(config: FactoryConfig): string[] {
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
