import { describe, expect, it } from 'vitest';
import {
  compileCondition,
  conditionHolds,
  ConditionError,
  parseCondition,
} from '../../src/incentives/rules/expression.js';
import type { FieldValue } from '../../src/capabilities/point-trigger.js';
import { conditionText } from '../../src/incentives/messages.js';
import { workReportTrigger } from '../../src/workorders/point-triggers/work-report.js';

const reportFields = workReportTrigger.fields;
const holds = (text: string, values: Record<string, FieldValue>) =>
  conditionHolds(compileCondition(text, reportFields, 'work_report'), values);
const refusal = (text: string): string => {
  try {
    compileCondition(text, reportFields, 'work_report');
  } catch (error) {
    if (error instanceof ConditionError) return error.message;
    throw error;
  }
  throw new Error(`expected "${text}" to be refused`);
};

describe('the condition of an incentive rule', () => {
  it('compares numbers and joins comparisons with and, or, not and parentheses', () => {
    const big = { good: 120, scrap: 0, shift: '白班' };
    expect(holds('good >= 50 and scrap == 0', big)).toBe(true);
    expect(holds('good >= 50 and scrap == 0', { ...big, scrap: 1 })).toBe(false);
    expect(holds('good > 200 or scrap = 0', big)).toBe(true);
    expect(holds('not (scrap > 0) and good < 121', big)).toBe(true);
    expect(holds('good >= 100 and (scrap > 0 or shift == "夜班")', big)).toBe(false);
    expect(holds("shift != '夜班' AND good ≥ 120", big)).toBe(true);
    expect(holds('minutesBeforeShiftEnd >= -15', { minutesBeforeShiftEnd: -10 })).toBe(true);
  });

  it('binds and tighter than or', () => {
    expect(holds('good > 1000 and scrap == 0 or good > 100', { good: 120, scrap: 3 })).toBe(true);
    expect(holds('good > 1000 and (scrap == 0 or good > 100)', { good: 120, scrap: 3 })).toBe(false);
  });

  it('is false for a comparison with a field the event does not have', () => {
    expect(holds('minutesBeforeShiftEnd >= 0', { good: 5 })).toBe(false);
    expect(holds('minutesBeforeShiftEnd >= 0 or good > 1', { good: 5 })).toBe(true);
  });

  it('says what is wrong and where', () => {
    expect(refusal('godo >= 50')).toBe(
      'unknown field "godo" (fields of work_report: good, scrap, quantity, minutes, minutesBeforeShiftEnd, shift, channel, operation, sequence, workOrder, item) at column 1',
    );
    expect(refusal('good 50')).toBe(
      'expected a comparison (==, !=, <, <=, >, >=) after "good" but found "50" at column 6',
    );
    expect(refusal('good >= 50 scrap == 0')).toBe(
      'unexpected "scrap"; join comparisons with "and" or "or" at column 12',
    );
    expect(refusal('(good >= 50')).toBe('expected ")" but found the end at column 12');
    expect(refusal('good >= and')).toBe(
      'expected a field, a number or quoted text but found "and" at column 9',
    );
    expect(refusal('shift == "白班')).toBe('unterminated quoted text at column 10');
    expect(refusal('good >= 5; drop')).toBe('unexpected character ";" at column 10');
    expect(refusal('  ')).toBe('empty condition at column 1');
  });

  it('refuses comparing text with numbers, and ordering text', () => {
    expect(refusal('shift == 1')).toBe('compares text with a number at column 1');
    expect(refusal('shift > "白班"')).toBe('text can only be compared with == or !=, not > at column 1');
  });

  it('reads back in plain Chinese for 规则', () => {
    expect(
      conditionText(parseCondition('good >= 50 and (scrap == 0 or shift != "夜班")'), reportFields),
    ).toBe('合格数 ≥ 50 且 （报废数 = 0 或 班次 ≠ 「夜班」）');
    expect(conditionText(parseCondition('not minutesBeforeShiftEnd < 30'), reportFields)).toBe(
      '不满足（距下班的分钟数 < 30）',
    );
  });
});
