import { describe, expect, it } from 'vitest';
import { defaultFactoryConfig } from '../../src/capabilities/default-config.js';
import { loadFactoryConfig, parseFactoryConfig } from '../../src/config/factory-loader.js';
import { problemsOf } from '../support/config-problems.js';

describe('factory.yaml quality: reject reasons and the first-article hold', () => {
  it('documents the defaults in factory.example.yaml as they are', () => {
    expect(loadFactoryConfig('factory.example.yaml').config.quality).toEqual(defaultFactoryConfig.quality);
    expect(defaultFactoryConfig.quality.firstArticle).toEqual({ pieces: 1 });
  });

  it('keeps a factory’s own reasons and fills in the first-article pieces', () => {
    const config = parseFactoryConfig('quality:\n  rejectReasons: [{ code: A1, name: 气孔 }]\n');
    expect(config.quality).toEqual({
      rejectReasons: [{ code: 'A1', name: '气孔' }],
      firstArticle: { pieces: 1 },
      scrapApproval: { approvers: 'qc_or_supervisor', items: [] },
      parameters: [],
      patrols: [],
      serials: { pattern: '{lot}-{n:4}' },
    });
  });

  it('refuses a reason code used twice (in any case), a code with a space and zero first pieces', () => {
    expect(
      problemsOf('quality:\n  rejectReasons: [{ code: D01, name: 尺寸超差 }, { code: d01, name: 毛刺 }]\n'),
    ).toEqual(['factory.yaml: quality.rejectReasons[1].code: duplicate reason code "d01"']);
    expect(problemsOf('quality:\n  rejectReasons: [{ code: "D 01", name: 尺寸超差 }]\n')[0]).toMatch(
      /^factory\.yaml: quality\.rejectReasons\[0\]\.code: must match pattern/,
    );
    expect(problemsOf('quality:\n  firstArticle: { pieces: 0 }\n')[0]).toMatch(
      /^factory\.yaml: quality\.firstArticle\.pieces: must be >= 1/,
    );
  });

  it('refuses parameters with min above max or named twice, and a patrol plan without an interval', () => {
    const param = '{ item: SHF-200, sequence: 10, name: 转速, unit: rpm, min: 1200, max: 800 }';
    expect(problemsOf(`quality:\n  parameters: [${param}, ${param}]\n`)).toEqual([
      'factory.yaml: quality.parameters[0]: min 1200 is above max 800',
      'factory.yaml: quality.parameters[1]: duplicate parameter "转速"',
      'factory.yaml: quality.parameters[1]: min 1200 is above max 800',
    ]);
    expect(problemsOf('quality:\n  patrols: [{ item: SHF-200, sequence: 10 }]\n')).toEqual([
      'factory.yaml: quality.patrols[0]: give everyHours, everyPieces or both',
    ]);
    expect(problemsOf('quality:\n  scrapApproval: { threshold: 5, approvers: boss }\n')).toEqual([
      'factory.yaml: quality.scrapApproval.approvers: must be one of qc, supervisor, qc_or_supervisor',
    ]);
  });

  it('refuses a serial pattern that could repeat a serial or has a word it cannot fill', () => {
    expect(problemsOf("quality:\n  serials: { pattern: 'SN{yy}{mm}{n:5}' }\n")).toEqual([
      'factory.yaml: quality.serials.pattern: needs {lot}, so serials of two orders never meet',
    ]);
    expect(problemsOf("quality:\n  serials: { pattern: '{lot}-{n}-{n:2}-{week}' }\n")).toEqual([
      'factory.yaml: quality.serials.pattern: unknown {week}',
      'factory.yaml: quality.serials.pattern: needs {n} (or {n:4}, zero-padded) exactly once',
    ]);
    expect(problemsOf("quality:\n  serials: { pattern: '{lot} {n}' }\n")[0]).toMatch(
      /^factory\.yaml: quality\.serials\.pattern: must match pattern/,
    );
    const dated = "quality:\n  serials: { pattern: 'SN{yyyy}{mm}{dd}-{item}-{lot}-{n:3}' }\n";
    expect(parseFactoryConfig(dated).quality.serials.pattern).toBe('SN{yyyy}{mm}{dd}-{item}-{lot}-{n:3}');
  });
});
