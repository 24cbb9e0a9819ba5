import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQRModule from 'jsqr';

// jsqr is CommonJS typed as an ES default export; Node hands over module.exports, the function itself.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

interface GrayPage {
  width: number;
  height: number;
  pixels: Buffer;
}

/** Renders each PDF page to a grey image with poppler's pdftoppm (what a printer would put on paper). */
function renderPages(pdf: Buffer, dpi: number): GrayPage[] {
  const dir = mkdtempSync(join(tmpdir(), 'sfb-qr-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-gray', join(dir, 'in.pdf'), join(dir, 'page')]);
    return readdirSync(dir)
      .filter((f) => f.endsWith('.pgm'))
      .sort()
      .map((f) => readPgm(readFileSync(join(dir, f))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A binary PGM (P5, 8-bit): a text header of magic, width, height and maximum, then one byte per pixel. */
function readPgm(file: Buffer): GrayPage {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(file.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const [whole, width, height] = header;
  return { width: Number(width), height: Number(height), pixels: file.subarray(whole.length) };
}

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Every QR code on every page, in reading order, read with jsQR. jsQR reads one code per image
 * and loses its way among the finder patterns of several, so the page is first cut into its
 * printed blocks along blank rows and columns (an XY cut), and each square block is read alone.
 */
export function decodeQrCodes(pdf: Buffer, dpi = 150): string[][] {
  return renderPages(pdf, dpi).map((page) =>
    blocksOf(page, { left: 0, top: 0, width: page.width, height: page.height }, 'rows')
      .filter((b) => b.width > 40 && Math.abs(b.width - b.height) < b.width * 0.2)
      .flatMap((b) => {
        const code = jsQR(crop(page, b, 16), b.width + 32, b.height + 32);
        return code ? [code.data] : [];
      }),
  );
}

const isDark = (page: GrayPage, x: number, y: number) => page.pixels[y * page.width + x]! < 128;

/** The runs of `along` (rows or columns) of `box` that hold ink, as boxes. */
function runs(page: GrayPage, box: Box, along: 'rows' | 'columns'): Box[] {
  const length = along === 'rows' ? box.height : box.width;
  const inked = (i: number) => {
    for (let j = 0; j < (along === 'rows' ? box.width : box.height); j++) {
      const [x, y] = along === 'rows' ? [box.left + j, box.top + i] : [box.left + i, box.top + j];
      if (isDark(page, x, y)) return true;
    }
    return false;
  };
  const found: Box[] = [];
  let start = -1;
  for (let i = 0; i <= length; i++) {
    const ink = i < length && inked(i);
    if (ink && start < 0) start = i;
    if (!ink && start >= 0) {
      found.push(
        along === 'rows'
          ? { left: box.left, top: box.top + start, width: box.width, height: i - start }
          : { left: box.left + start, top: box.top, width: i - start, height: box.height },
      );
      start = -1;
    }
  }
  return found;
}

/** Cuts `box` along blank rows, then each part along blank columns, and so on until nothing more splits. */
function blocksOf(page: GrayPage, box: Box, along: 'rows' | 'columns', unsplit = 0): Box[] {
  const parts = runs(page, box, along);
  const next = along === 'rows' ? 'columns' : 'rows';
  if (parts.length === 1 && unsplit === 1) return parts;
  return parts.flatMap((part) => blocksOf(page, part, next, parts.length === 1 ? unsplit + 1 : 0));
}

/** The box as RGBA with a white border of `pad` pixels (the quiet zone a reader needs). */
function crop(page: GrayPage, box: Box, pad: number): Uint8ClampedArray {
  const width = box.width + 2 * pad;
  const rgba = new Uint8ClampedArray(width * (box.height + 2 * pad) * 4).fill(255);
  for (let y = 0; y < box.height; y++)
    for (let x = 0; x < box.width; x++) {
      const gray = page.pixels[(box.top + y) * page.width + box.left + x]!;
      rgba.fill(gray, ((y + pad) * width + x + pad) * 4, ((y + pad) * width + x + pad) * 4 + 3);
    }
  return rgba;
}
