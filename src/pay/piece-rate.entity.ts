import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * What one good piece of an operation pays (计件单价), in fen, from a day on. A rate is never
 * edited: a new one with a later `effectiveFrom` takes over, so past earnings keep the rate
 * they were made under. A rate may be narrowed to a team or a machine; the narrowest wins.
 */
export const PieceRate = defineEntity({
  name: 'PieceRate',
  tableName: 'piece_rates',
  indexes: [{ properties: ['itemCode', 'sequence', 'effectiveFrom'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    itemCode: p.string().length(64),
    sequence: p.integer(),
    teamId: p.string().length(64).nullable(),
    equipmentCode: p.string().length(32).nullable(),
    fenPerPiece: p.integer(),
    /** Taken off for each scrapped piece; 0 when scrap costs the worker nothing. */
    scrapFen: p.integer().default(0),
    /** YYYY-MM-DD, factory zone: reports made that day or later earn this rate. */
    effectiveFrom: p.string().length(10),
    createdAt: p.datetime(3),
  },
});

export type PieceRate = InferEntity<typeof PieceRate>;
