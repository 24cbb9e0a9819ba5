import { describe, expect, it } from 'vitest';
import { splitIntoParts } from '../../../src/chat/text/message-parts.js';

const bytes = (s: string) => Buffer.byteLength(s);

describe('splitIntoParts', () => {
  it('leaves a text that fits as it is, blank lines and all', () => {
    expect(splitIntoParts('完工\n\n报废 2', 100)).toEqual(['完工\n\n报废 2']);
  });

  it('ends every part at a line break, each within the limit, and loses no line', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `· 第 ${i + 1} 行：开工 <工单号> — 开始一道工序`);
    const parts = splitIntoParts(lines.join('\n'), 200);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(bytes(part)).toBeLessThanOrEqual(200);
    expect(parts.join('\n')).toBe(lines.join('\n'));
    expect(parts.flatMap((p) => p.split('\n'))).toEqual(lines);
  });

  it('fills a part as far as the limit allows before starting the next', () => {
    // 'aaaa' is 4 bytes; two lines and their break are 9.
    expect(splitIntoParts('aaaa\nbbbb\ncccc', 9)).toEqual(['aaaa\nbbbb', 'cccc']);
    expect(splitIntoParts('aaaa\nbbbb\ncccc', 8)).toEqual(['aaaa', 'bbbb', 'cccc']);
  });

  it('cuts a line longer than a whole part between characters, never inside one', () => {
    const line = '合格'.repeat(10); // 60 bytes, three a character
    const parts = splitIntoParts(`开头\n${line}`, 16);
    for (const part of parts) expect(bytes(part)).toBeLessThanOrEqual(16);
    expect(parts.join('')).toBe(`开头${line}`);
    expect(parts.every((p) => !p.includes('\uFFFD'))).toBe(true);
    expect(parts.slice(1).every((p) => p.length === 5 || p === parts.at(-1))).toBe(true);
  });

  it('does not begin a part with the blank line that separated two paragraphs', () => {
    expect(splitIntoParts('aaaa\n\nbbbb', 5)).toEqual(['aaaa', 'bbbb']);
  });
});
