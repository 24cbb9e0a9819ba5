/**
 * What a printed QR code holds: a link under the bot's public URL naming a work order and,
 * on a job ticket's operation rows, one of its operations (`…/wo/WO-2026-0042/20`), or a
 * material lot on its label (`…/lot/L2611-01`). The WeCom
 * scan menu hands the text to the bot as it is; the link form also tells a phone camera that
 * is not in WeCom where it belongs.
 */
export interface ScannedWorkOrder {
  orderNumber: string;
  /** The operation's routing sequence, when the code names one. */
  sequence?: number;
}

const SCANNED = /\b(WO-[A-Z0-9]+-\d{3,})(?:\/(\d{1,4}))?\b/i;

export function workOrderScanCode(publicUrl: string, orderNumber: string, sequence?: number): string {
  const order = `${publicUrl}/wo/${encodeURIComponent(orderNumber)}`;
  return sequence === undefined ? order : `${order}/${sequence}`;
}

export function readWorkOrderScan(text: string): ScannedWorkOrder | undefined {
  const found = SCANNED.exec(text);
  if (!found?.[1]) return undefined;
  const orderNumber = found[1].toUpperCase();
  return found[2] === undefined ? { orderNumber } : { orderNumber, sequence: Number(found[2]) };
}

const SCANNED_LOT = /\/lot\/([^/?#\s]{1,190})/;

/** A material lot label's code: `…/lot/<批次>`. */
export const lotScanCode = (publicUrl: string, lotNumber: string): string =>
  `${publicUrl}/lot/${encodeURIComponent(lotNumber)}`;

export function readLotScan(text: string): string | undefined {
  const found = SCANNED_LOT.exec(text)?.[1];
  if (!found) return undefined;
  try {
    return decodeURIComponent(found);
  } catch {
    return undefined; // a broken %-escape names no lot we could have printed
  }
}
