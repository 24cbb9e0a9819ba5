import { describe, expect, it } from 'vitest';
import { parseFactoryConfig } from '../../src/config/factory-loader.js';
import { problemsOf } from '../support/config-problems.js';
import { equipmentYaml } from './world.js';

describe('factory.yaml: equipment, maintenance plans and repair limits', () => {
  it('accepts the test shop and fills in the defaults it leaves out', () => {
    const config = parseFactoryConfig(equipmentYaml);
    expect(config.equipment.map((e) => e.code)).toEqual(['EXT-01', 'CNC-01']);
    expect(config.maintenance.plans.map((p) => p.id)).toEqual(['film-filter', 'lathe-weekly']);
    expect(config.maintenance.maxPostponeDays).toBe(14);
    expect(config.repairs.repairMinutes).toBe(240);
  });

  it('names each plan mistake with its path', () => {
    expect(problemsOf('equipment:\n  - {code: A-1, name: 甲, commissionedOn: 2021-13-01}\n')).toEqual([
      'factory.yaml: equipment[0].commissionedOn: must be a date like 2024-03-01',
    ]);
    const crossChecked = problemsOf(
      [
        'teams: [{id: cnc, name: 数控组}]',
        'equipment:',
        '  - {code: A-1, name: 甲, team: welding}',
        '  - {code: A-1, name: 乙}',
        'maintenance:',
        '  team: maint',
        '  plans:',
        '    - {id: p1, name: 换油, equipment: A-1, type: lathe, everyHours: 100, leadHours: 100}',
        '    - {id: p1, name: 换油, equipment: B-9}',
        '    - {id: p3, name: 巡检, type: press, everyDays: 7, leadDays: 7, person: nobody}',
      ].join('\n'),
    );
    expect(crossChecked).toEqual([
      'factory.yaml: equipment[0].team: no team with id "welding" in teams',
      'factory.yaml: equipment[1].code: duplicate equipment code "A-1"',
      'factory.yaml: maintenance.team: no team with id "maint" in teams',
      'factory.yaml: maintenance.plans[0]: give either "equipment" (one machine) or "type" (every machine of a type)',
      'factory.yaml: maintenance.plans[0].leadHours: must be less than everyHours (100)',
      'factory.yaml: maintenance.plans[1].id: duplicate plan id "p1"',
      'factory.yaml: maintenance.plans[1].equipment: no equipment with code "B-9" in equipment',
      'factory.yaml: maintenance.plans[1]: give "everyHours", "everyDays" or both',
      'factory.yaml: maintenance.plans[2].leadDays: must be less than everyDays (7)',
      'factory.yaml: maintenance.plans[2].person: no person with id "nobody" in people',
    ]);
  });
});
