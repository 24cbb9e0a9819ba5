import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * A reminder or escalation that was decided, written first in the transaction that pushes
 * it. Its unique key (e.g. `lead:<plan>:<equipment>:<cycle>`) is what makes two scans, on one
 * server or two, send it once.
 */
export const EquipmentNotice = defineEntity({
  name: 'EquipmentNotice',
  tableName: 'equipment_notices',
  properties: {
    id: p.integer().primary().autoincrement(),
    key: p.string().length(160).unique(),
    recipients: p.json<string[]>(),
    createdAt: p.datetime(3),
  },
});

export type EquipmentNotice = InferEntity<typeof EquipmentNotice>;
