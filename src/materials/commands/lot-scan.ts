import type { ScanHandler } from '../../chat/feature.js';
import { readLotScan } from '../../shared/operation-code.js';
import { inZone } from '../../shared/time.js';
import { MaterialLot } from '../material-lot.entity.js';
import { materialMessages as m } from '../messages.js';

/** A scanned lot label answers what is left of the lot and how to issue from it. */
export const lotScan: ScanHandler = {
  matches: (text) => readLotScan(text) !== undefined,
  async handle(ctx, text) {
    const number = readLotScan(text) ?? text;
    const lot = await ctx.em.findOne(MaterialLot, { lotNumber: number }, { populate: ['item'] });
    if (!lot) return ctx.reply(m.lotNotFound(number));
    const received = inZone(lot.receivedAt, ctx.tz).format('YYYY-MM-DD');
    // Kilograms and metres are kept to the gram and millimetre; no float tail in a reply.
    const shown = (q: number) => Number(q.toFixed(3));
    ctx.reply(
      m.lotScanned(
        lot.lotNumber,
        `${lot.item.code} ${lot.item.name}`,
        shown(lot.remaining),
        shown(lot.quantity),
        lot.item.unit,
        received,
      ),
    );
  },
};
