import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { WorkOrder } from '../../workorders/work-order.entity.js';
import { Inspection } from '../inspections/inspection.entity.js';

/** Made from the configured pattern at 终检, or read from the pieces' own labels (a scan). */
export const SERIAL_SOURCES = ['assigned', 'scanned'] as const;
export type SerialSource = (typeof SERIAL_SOURCES)[number];

/**
 * The serial number (序列号) of one accepted piece of a serialised item: which order and output
 * lot it came from and which 终检 accepted it, so a complaint about one piece traces its chain.
 */
export const Serial = defineEntity({
  name: 'Serial',
  tableName: 'serials',
  // The next consecutive number of an order is read from its highest one.
  indexes: [{ properties: ['workOrder', 'sequence'] }],
  properties: {
    number: p.string().length(64).primary(),
    workOrder: () => p.manyToOne(WorkOrder),
    /** The output lot the piece belongs to (today the work order's number: one order, one lot). */
    lot: p.string().length(64),
    /** Its place among the order's assigned serials (1, 2, …); none for a scanned label. */
    sequence: p.integer().nullable(),
    inspection: () => p.manyToOne(Inspection).deleteRule('cascade'),
    source: p.string().length(16).$type<SerialSource>(),
    createdAt: p.datetime(3),
  },
});

export type Serial = InferEntity<typeof Serial>;
