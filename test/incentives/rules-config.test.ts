import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultFactoryConfig } from '../../src/capabilities/default-config.js';
import { loadFactoryConfig, parseFactoryConfig } from '../../src/config/factory-loader.js';
import { leaderboardCron } from '../../src/incentives/jobs/weekly-leaderboard.job.js';
import { pointTriggersOf } from '../../src/capabilities/assembled.js';
import { coreCapabilities } from '../../src/capabilities/index.js';
import { activeRules } from '../../src/incentives/rules/active-rules.js';
import { problemsOf } from '../support/config-problems.js';

const rules = (...lines: string[]) =>
  ['incentives:', '  rules:', ...lines.map((l) => `    - ${l}`)].join('\n');

describe('incentive rules in factory.yaml', () => {
  it('adding a rule takes only YAML: trigger, condition, points and caps', () => {
    const config = parseFactoryConfig(
      rules(
        '{ id: clean, name: 零报废, on: work_report, when: "good >= 50 and scrap == 0", points: 2, dailyCap: 6 }',
      ),
    );
    const [rule] = activeRules(config, pointTriggersOf(coreCapabilities));
    expect(rule).toMatchObject({
      id: 'clean',
      name: '零报废',
      trigger: 'work_report',
      points: 2,
      dailyCap: 6,
    });
    expect(rule?.condition).toMatchObject({ kind: 'and' });
    // The rest of the section keeps its defaults.
    expect(config.incentives).toMatchObject({ leaderboardDay: 'monday', leaderboardTime: '09:10' });
  });

  it('ships default rules that pass their own checks, posted Monday 09:10', () => {
    expect(
      activeRules(defaultFactoryConfig, pointTriggersOf(coreCapabilities)).map((r) => r.trigger),
    ).toEqual(['work_report', 'shift_reported', 'task_finished']);
    expect(leaderboardCron(defaultFactoryConfig.incentives)).toBe('10 9 * * 1');
    expect(leaderboardCron({ ...defaultFactoryConfig.incentives, leaderboardDay: 'sunday' })).toBe(
      '10 9 * * 0',
    );
  });

  it('documents the defaults in factory.example.yaml as they are', () => {
    expect(loadFactoryConfig('factory.example.yaml').config.incentives).toEqual(
      defaultFactoryConfig.incentives,
    );
  });

  it('refuses an unknown trigger, naming the rule and the triggers there are', () => {
    expect(problemsOf(rules('{ id: fast, name: 快, on: work_reprot, points: 1 }'))).toEqual([
      'factory.yaml: incentives.rules[0].on (rule "fast"): unknown trigger "work_reprot" (triggers: work_report, task_finished, shift_reported, repair_accepted, maintenance_done)',
    ]);
  });

  it('refuses a malformed condition and an unknown field, naming the rule, the field and the column', () => {
    const problems = problemsOf(
      rules(
        '{ id: ok, name: 好, on: task_finished, when: "minutesBeforePlannedEnd >= 0", points: 1 }',
        '{ id: broken, name: 坏, on: work_report, when: "good >= and scrap == 0", points: 1 }',
        '{ id: big-batch, name: 大批量, on: shift_reported, when: "godo >= 50", points: 1 }',
      ),
    );
    expect(problems).toEqual([
      'factory.yaml: incentives.rules[1].when (rule "broken"): expected a field, a number or quoted text but found "and" at column 9',
      'factory.yaml: incentives.rules[2].when (rule "big-batch"): unknown field "godo" (fields of shift_reported: operations, reports, good, scrap, shift) at column 1',
    ]);
  });

  it('refuses a duplicate rule id, zero points, a bad cap and a bad leaderboard day', () => {
    const problems = problemsOf(
      [
        'incentives:',
        '  leaderboardDay: funday',
        '  rules:',
        '    - { id: a, name: 甲, on: work_report, points: 1 }',
        '    - { id: a, name: 乙, on: work_report, points: 0 }',
        '    - { id: c, name: 丙, on: work_report, points: 1, weeklyCap: 0 }',
      ].join('\n'),
    );
    expect(problems).toEqual([
      'factory.yaml: incentives.leaderboardDay: must be one of monday, tuesday, wednesday, thursday, friday, saturday, sunday',
      'factory.yaml: incentives.rules[2].weeklyCap: must be >= 1',
    ]);
    expect(
      problemsOf(
        rules(
          '{ id: a, name: 甲, on: work_report, points: 1 }',
          '{ id: a, name: 乙, on: work_report, points: 0 }',
        ),
      ),
    ).toEqual([
      'factory.yaml: incentives.rules[1].id (rule "a"): already used by incentives.rules[0]',
      'factory.yaml: incentives.rules[1].points (rule "a"): must not be 0',
    ]);
  });

  it('a rule with a malformed condition stops the server before it starts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sfb-incentives-'));
    const file = join(dir, 'factory.yaml');
    writeFileSync(file, rules('{ id: tidy, name: 整洁, on: work_report, when: "scrap === 0", points: 1 }'));
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        env: { ...process.env, PORT: '0', FACTORY_CONFIG: file, DATABASE_URL: 'sqlite::memory:' },
      });
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.stderr.on('data', (d: Buffer) => (text += d.toString()));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the server did not stop:\n${text}`));
      }, 20_000);
      child.on('exit', (exitCode) => {
        clearTimeout(timer);
        resolve({ code: exitCode, output: text });
      });
    });
    expect(code).toBe(78);
    expect(output).toContain(
      'factory.yaml: incentives.rules[0].when (rule "tidy"): expected a field, a number or quoted text but found "=" at column 9',
    );
  });
});
