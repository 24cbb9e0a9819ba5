import type { EntityManager } from '@mikro-orm/core';
import { MaterialLot } from '../materials/material-lot.entity.js';
import { lotScanCode } from '../shared/operation-code.js';
import { inZone } from '../shared/time.js';
import { ticketMessages as m } from './messages.js';
import type { PdfFont } from './pdf-font.js';
import { A4, mm, openSheet, type PdfDoc } from './pdf-sheet.js';

/** One label: a lot and the code that names it on a scan. */
export interface LotLabel {
  lotNumber: string;
  item: string;
  quantity: string;
  receivedOn: string;
  code: string;
}

/** The labels of the named lots in the order asked, and the names that match no lot. */
export async function loadLotLabels(
  em: EntityManager,
  lotNumbers: readonly string[],
  context: { publicUrl: string; tz: string },
): Promise<{ labels: LotLabel[]; missing: string[] }> {
  const lots = await em.find(MaterialLot, { lotNumber: { $in: [...lotNumbers] } }, { populate: ['item'] });
  const byNumber = new Map(lots.map((lot) => [lot.lotNumber.toUpperCase(), lot]));
  const labels: LotLabel[] = [];
  const missing: string[] = [];
  for (const asked of lotNumbers) {
    const lot = byNumber.get(asked.toUpperCase());
    if (!lot) {
      missing.push(asked);
      continue;
    }
    labels.push({
      lotNumber: lot.lotNumber,
      item: `${lot.item.code} ${lot.item.name}`,
      // Kilograms and metres are stored to the gram and millimetre.
      quantity: `${Number(lot.quantity.toFixed(3))} ${lot.item.unit}`,
      receivedOn: inZone(lot.receivedAt, context.tz).format('YYYY-MM-DD'),
      code: lotScanCode(context.publicUrl, lot.lotNumber),
    });
  }
  return { labels, missing };
}

// A common A4 label sheet: 2 across, 7 down, 99.1 × 38.1 mm.
const COLUMNS = 2;
const ROWS = 7;
const LABEL = { width: mm(99.1), height: mm(38.1) };
const ORIGIN = { x: (A4.width - COLUMNS * LABEL.width) / 2, y: (A4.height - ROWS * LABEL.height) / 2 };
const QR = mm(32);

/** The labels on A4 label sheets, one QR code each. */
export async function renderLotLabels(labels: readonly LotLabel[], font: PdfFont): Promise<Buffer> {
  const { doc, qr, done } = await openSheet(font, m.labelsTitle);
  for (const [i, label] of labels.entries()) {
    const slot = i % (COLUMNS * ROWS);
    if (i > 0 && slot === 0) doc.addPage();
    const x = ORIGIN.x + (slot % COLUMNS) * LABEL.width;
    const y = ORIGIN.y + Math.floor(slot / COLUMNS) * LABEL.height;
    drawLabel(doc, label, await qr(label.code), x, y);
  }
  return done();
}

function drawLabel(doc: PdfDoc, label: LotLabel, code: Buffer, x: number, y: number): void {
  doc.image(code, x + mm(3), y + (LABEL.height - QR) / 2, { width: QR });
  const textX = x + mm(3) + QR + mm(3);
  const width = x + LABEL.width - mm(3) - textX;
  const line = (text: string, size: number, top: number) =>
    doc
      .fontSize(size)
      .fillColor('#000')
      .text(text, textX, y + top, { width, lineBreak: false, ellipsis: true });
  line(`${m.lot} ${label.lotNumber}`, 13, mm(5));
  line(label.item, 10, mm(13));
  line(`${m.quantity} ${label.quantity}`, 10, mm(20));
  line(`${m.receivedAt} ${label.receivedOn}`, 10, mm(27));
}
