import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseArgs, usageOf } from '../../src/chat/commands/arguments.js';
import { features } from '../../src/features.js';

const BUILT_IN = ['帮助', '取消'];

/** The command words the README's "What people can say" table names, with their aliases. */
function readmeCommandWords(): { names: string[]; aliases: string[] } {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.split(/^## What people can say$/m)[1]?.split(/^## /m)[0] ?? '';
  const names: string[] = [];
  const aliases: string[] = [];
  for (const row of section.split('\n').filter((line) => line.startsWith('| `'))) {
    const firstCell = row.split(/(?<!\\)\|/)[1] ?? '';
    // `完工 …` (`报工`, `报工`): code spans outside parentheses name commands, inside they are aliases.
    const [named = '', aliased = ''] = firstCell.split('(');
    for (const [, code] of named.matchAll(/`([^`]+)`/g)) names.push(code!.split(/\s/)[0]!);
    for (const [, code] of aliased.matchAll(/`([^`]+)`/g)) aliases.push(code!.split(/\s/)[0]!);
  }
  return { names, aliases };
}

const commands = features.flatMap((f) => f.commands ?? []);

describe('README command list', () => {
  it('names every command the bot accepts, once', () => {
    const { names } = readmeCommandWords();
    const accepted = [...BUILT_IN, ...commands.map((c) => c.name)];
    expect([...names].sort()).toEqual([...new Set(accepted)].sort());
  });

  it('gives only aliases the bot understands', () => {
    const { aliases } = readmeCommandWords();
    const known = new Set(commands.flatMap((c) => c.aliases));
    expect(aliases.filter((a) => !known.has(a))).toEqual([]);
  });
});

describe('帮助', () => {
  it('help texts say what a command does, without repeating the usage 帮助 already prints before them', () => {
    const helps = (c: (typeof commands)[number]) => [c.help, ...(c.helpFor ? [c.helpFor.help] : [])];
    const repeating = commands.filter((c) =>
      helps(c).some((help) => help.startsWith(`${c.name} `) || help.includes(' — ')),
    );
    expect(repeating.map((c) => c.name)).toEqual([]);
    const spelling = commands.filter((c) =>
      c.args.some((a) => a.choices?.some((choice) => c.help.includes(`${c.name} ${choice}`))),
    );
    expect(spelling.map((c) => c.name)).toEqual([]);
  });

  it('usage lines show words to write as they stand, and placeholders in angle brackets', () => {
    const usage = (name: string) => {
      const command = commands.find((c) => c.name === name)!;
      return usageOf(command.name, command.args);
    };
    expect(usage('排行')).toBe('排行 [本周|上周|本月|上月]');
    expect(usage('表单')).toBe('表单 [列表]');
    expect(usage('表单完成率')).toBe('表单完成率 [本周|上周|<日期~日期>]');
    expect(usage('质检')).toBe('质检 <单号> 合格|不合格|让步 [<数量> <原因> <说明>]');
    expect(usage('延期保养')).toBe('延期保养 <保养单号> [<天数> <原因>]');
    expect(usage('巡检')).toBe('巡检 <工单号> [<工序>] [<抽检数> …]');
    expect(usage('报废审批')).toBe('报废审批 [<申请号>] [批准|驳回] [<原因>]');
    expect(usage('改名')).toBe('改名 物料 <编码> <新名称>');
    // Left out, a choice of words is named by them.
    const qc = commands.find((c) => c.name === '质检')!;
    expect(parseArgs(['OS-1'], qc.args)).toEqual({
      ok: false,
      problem: { kind: 'missing', label: '合格、不合格或让步' },
    });
  });
});
