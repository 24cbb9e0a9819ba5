import { describe, expect, it } from 'vitest';
import { defaultFactoryConfig } from '../../src/capabilities/default-config.js';
import { loadFactoryConfig, parseFactoryConfig } from '../../src/config/factory-loader.js';
import { problemsOf } from '../support/config-problems.js';

describe('factory.yaml', () => {
  it('an empty file gives the built-in defaults of a small metalworking shop', () => {
    expect(parseFactoryConfig('')).toEqual(defaultFactoryConfig);
  });

  it('accepts the documented example file as it is committed', () => {
    const { config } = loadFactoryConfig('factory.example.yaml');
    expect(config.people.map((p) => p.id)).toEqual(['lijianguo', 'zhangwei']);
  });

  it('keeps what the file says and fills in the rest', () => {
    const config = parseFactoryConfig(
      'digest:\n  time: "06:45"\nworkOrders:\n  overReportTolerance: 0.1\n  undoMinutes: 10\n',
    );
    expect(config.digest).toEqual({ ...defaultFactoryConfig.digest, time: '06:45' });
    expect(config.workOrders).toEqual({ overReportTolerance: 0.1, undoMinutes: 10 });
    expect(config.shifts).toEqual(defaultFactoryConfig.shifts);
  });

  it('names the file, the path and the rule for a bad time', () => {
    const problems = problemsOf(
      `shifts:\n  - {name: 白班, start: "08:00", end: "20:00"}\n  - {name: 夜班, start: "20:00", end: "25:00"}\n`,
    );
    expect(problems).toEqual(['factory.yaml: shifts[1].end: must look like HH:mm']);
  });

  it('refuses an unknown key and a wrong type, reporting both at once', () => {
    const problems = problemsOf('digest:\n  tmie: "07:30"\n  riskDays: soon\n');
    expect(problems).toContain('factory.yaml: digest.tmie: unknown key');
    expect(problems).toContain('factory.yaml: digest.riskDays: must be integer');
  });

  it('refuses a role that does not exist and lists the allowed ones', () => {
    const [problem] = problemsOf('people:\n  - {id: zhangwei, name: 张伟, roles: [boss]}\n');
    expect(problem).toMatch(
      /^factory\.yaml: people\[0\]\.roles\[0\]: must be one of worker, team_lead, supervisor/,
    );
  });

  it('refuses a person in a team that is not declared, and a WeCom id used twice', () => {
    const problems = problemsOf(
      [
        'teams: [{id: cnc, name: 数控组}]',
        'people:',
        '  - {id: a, name: 甲, roles: [worker], team: welding, wecom: w1}',
        '  - {id: b, name: 乙, roles: [worker], team: cnc, wecom: w1}',
      ].join('\n'),
    );
    expect(problems).toEqual([
      'factory.yaml: people[0].team: no team with id "welding" in teams',
      'factory.yaml: people[1].wecom: "w1" is already used by people[0]',
    ]);
  });

  it('reports a YAML syntax error with its line', () => {
    const [problem] = problemsOf('shifts:\n  - name: 白班\n   start: "08:00"\n');
    expect(problem).toMatch(/^factory\.yaml:3:\d+ /);
  });
});
