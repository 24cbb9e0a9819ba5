import { existsSync } from 'node:fs';
import { RefusedError } from '../shared/errors.js';
import { ticketMessages as m } from './messages.js';

/** A font file and, for a collection, the face to take from it. */
export interface PdfFont {
  file: string;
  face?: string;
}

// Debian's fonts-wqy-microhei (what CI installs for the charts) first, then Noto CJK.
const KNOWN_FONTS: PdfFont[] = [
  { file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
  { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
  { file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', face: 'WenQuanYiZenHei' },
];

/** The font the PDFs are set in; without a Chinese one every name would print as blanks. */
export function pdfFont(fontFile: string | null): PdfFont {
  if (fontFile) {
    // A collection names its face after `#`: `/usr/share/fonts/x.ttc#FaceName`.
    const [file = fontFile, face] = fontFile.split('#');
    if (!existsSync(file)) throw new RefusedError('no_pdf_font', m.noFont, { fontFile });
    return face ? { file, face } : { file };
  }
  const found = KNOWN_FONTS.find((f) => existsSync(f.file));
  if (!found) throw new RefusedError('no_pdf_font', m.noFont);
  return found;
}
