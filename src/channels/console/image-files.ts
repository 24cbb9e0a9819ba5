import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OutboundContent } from '../../chat/outbound.js';

type ImageContent = Extract<OutboundContent, { kind: 'image' }>;

/** Where the console keeps a reply's picture, since a terminal cannot show it: returns the path. */
export type ImageSink = (image: ImageContent) => string;

/**
 * Writes each picture as a PNG file in `dir`, named by its title and content so the same chart
 * asked for twice is one file.
 */
export function imageFiles(dir: string): ImageSink {
  return (image) => {
    const png = Buffer.from(image.png, 'base64');
    const hash = createHash('sha256').update(png).digest('hex').slice(0, 10);
    const safeTitle = image.title
      .replace(/[^\p{L}\p{N}-]+/gu, '_')
      .slice(0, 60)
      .replace(/^_+|_+$/g, '');
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${safeTitle}-${hash}.png`);
    writeFileSync(path, png);
    return path;
  };
}
