import type { FactoryConfig } from './factory-config.js';

/**
 * What the schema cannot say about equipment and maintenance plans: codes and ids are
 * unique, every reference names something the file declares, a plan has exactly one target
 * and at least one interval, and its lead is shorter than its interval.
 */
export function equipmentConfigProblems(config: FactoryConfig): string[] {
  const problems: string[] = [];
  const teams = new Set(config.teams.map((t) => t.id));
  const people = new Set(config.people.map((p) => p.id));
  const codes = new Set<string>();
  config.equipment.forEach((e, i) => {
    if (codes.has(e.code)) problems.push(`equipment[${i}].code: duplicate equipment code "${e.code}"`);
    codes.add(e.code);
    if (e.team !== undefined && !teams.has(e.team))
      problems.push(`equipment[${i}].team: no team with id "${e.team}" in teams`);
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
