import type { PdfFont } from './pdf-font.js';

/** An A4 page's size in PDF points (1/72 in), and millimetres in points. */
export const A4 = { width: 595.28, height: 841.89 };
export const mm = (n: number): number => (n * 72) / 25.4;

/** The pdfkit document type, without loading pdfkit at start-up. */
export type PdfDoc = InstanceType<typeof import('pdfkit')>;

/**
 * Opens an A4 document set in `font` and collects its bytes. pdfkit and qrcode load here, on
 * the first print, not when the bot starts.
 */
export async function openSheet(
  font: PdfFont,
  title: string,
): Promise<{ doc: PdfDoc; qr: (text: string) => Promise<Buffer>; done: () => Promise<Buffer> }> {
  const [{ default: PDFDocument }, QRCode] = await Promise.all([import('pdfkit'), import('qrcode')]);
  const doc = new PDFDocument({
    size: 'A4',
    // A small bottom margin: the page number sits below the last row, and pdfkit starts a new
    // page for any text placed past the margin.
    margins: { top: mm(12), left: mm(12), right: mm(12), bottom: mm(4) },
    info: { Title: title, Producer: 'shopfloor-bot' },
  });
  doc.registerFont('body', font.file, font.face);
  doc.font('body');
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  // Level M survives a smudge or a fold on a ticket that travels with the parts.
  const qr = (text: string) =>
    QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 8 });
  const done = async () => {
    doc.end();
    await ended;
    return Buffer.concat(chunks);
  };
  return { doc, qr, done };
}
