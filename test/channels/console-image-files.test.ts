import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { imageFiles } from '../../src/channels/console/image-files.js';

describe('the console keeps a reply picture as a file', () => {
  const png = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64');

  it('names it by its title, punctuation turned to single underscores, none left at either end', () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-images-'));
    const path = imageFiles(dir)({ kind: 'image', title: '设备负荷 12月2日–12月15日（%）', png });
    expect(basename(path)).toMatch(/^设备负荷_12月2日_12月15日-[0-9a-f]{10}\.png$/);
    expect(readFileSync(path).toString('base64')).toBe(png);
  });

  it('writes the same picture asked for twice to one file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-images-'));
    const save = imageFiles(dir);
    expect(save({ kind: 'image', title: '（日报）', png })).toBe(
      save({ kind: 'image', title: '（日报）', png }),
    );
  });
});
