import { mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LogDestination } from '../../src/shared/log-destination.js';

/** A descriptor every write fails on (EBADF), standing in for a stdout whose reader is gone. */
function brokenOutput(): number {
  const file = join(mkdtempSync(join(tmpdir(), 'sfb-broken-')), 'read-only');
  writeFileSync(file, '');
  return openSync(file, 'r');
}

describe('the log destination', () => {
  it('moves to the fallback file at the first failed write, saying why once, and stays there', () => {
    const fallback = join(mkdtempSync(join(tmpdir(), 'sfb-log-')), 'fallback.log');
    const destination = new LogDestination(fallback, brokenOutput());
    const notices: string[] = [];
    destination.onFallback = (reason, file) => notices.push(`${reason} → ${file}`);

    destination.write('first\n');
    destination.write('second\n');

    expect(notices).toEqual([`EBADF → ${fallback}`]);
    expect(readFileSync(fallback, 'utf8')).toBe('first\nsecond\n');
  });

  it('drops lines without throwing when there is no fallback file', () => {
    const destination = new LogDestination(undefined, brokenOutput());
    const notices: string[] = [];
    destination.onFallback = (reason) => notices.push(reason);

    expect(() => {
      destination.write('first\n');
      destination.write('second\n');
    }).not.toThrow();
    expect(notices).toEqual([]);
  });
});
