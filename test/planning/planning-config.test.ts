import { describe, expect, it } from 'vitest';
import { parseFactoryConfig } from '../../src/config/factory-loader.js';
import { workingDayTest } from '../../src/planning/config.js';
import { problemsOf } from '../support/config-problems.js';

describe('factory.yaml planning:', () => {
  it('defaults to a 14-day horizon with every day worked', () => {
    const { planning } = parseFactoryConfig('');
    expect(planning.horizonDays).toBe(14);
    const working = workingDayTest(planning.calendar);
    expect(['2026-12-05', '2026-12-06', '2027-02-17'].map(working)).toEqual([true, true, true]);
  });

  it('keeps the calendar parts it is given and fills in the others', () => {
    const { planning } = parseFactoryConfig("planning:\n  calendar:\n    holidays: ['2027-02-17']\n");
    const working = workingDayTest(planning.calendar);
    // Wednesday 17 February 2027 off; the weekend still worked as no weekdays were given.
    expect(['2027-02-16', '2027-02-17', '2027-02-20'].map(working)).toEqual([true, false, true]);
  });

  it('works the weekdays listed, less holidays, plus the extra workdays', () => {
    const working = workingDayTest({
      workingWeekdays: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      holidays: ['2026-10-01'],
      extraWorkdays: ['2026-10-10'],
    });
    // Thu 1 Oct (holiday), Fri 2 Oct, Sat 3 Oct, Sun 4 Oct, Mon 5 Oct, Sat 10 Oct (调休).
    expect(
      ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-10'].map(working),
    ).toEqual([false, true, false, false, true, true]);
  });

  it('refuses a bad horizon, weekday, date and window time, naming each', () => {
    const problems = problemsOf(
      [
        'planning:',
        '  horizonDays: 0',
        '  calendar: { workingWeekdays: [mon], holidays: [2026-13-01] }',
        '  maintenanceWindows:',
        "    - { equipment: CNC-01, from: '2026-12-01 8:00', to: '2026-12-01 12:00' }",
      ].join('\n'),
    );
    expect(problems.map((p) => p.split(': ').slice(1, 2)[0])).toEqual([
      'planning.horizonDays',
      'planning.calendar.workingWeekdays[0]',
      'planning.calendar.holidays[0]',
      'planning.maintenanceWindows[0].from',
    ]);
  });

  it('refuses a window that ends before it starts', () => {
    const yaml = [
      'planning:',
      '  maintenanceWindows:',
      "    - { equipment: CNC-01, from: '2026-12-02 12:00', to: '2026-12-02 08:00' }",
    ].join('\n');
    expect(problemsOf(yaml)).toEqual([
      'factory.yaml: planning.maintenanceWindows[0]: "to" (2026-12-02 08:00) must be after "from" (2026-12-02 12:00)',
    ]);
  });
});
