import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Item } from '../workorders/item.entity.js';

/** A lot of material received into the factory; what remains goes down as it is issued. */
export const MaterialLot = defineEntity({
  name: 'MaterialLot',
  tableName: 'material_lots',
  properties: {
    lotNumber: p.string().length(64).primary(),
    item: () => p.manyToOne(Item),
    quantity: p.double().$type<number>().runtimeType('number'),
    remaining: p.double().$type<number>().runtimeType('number'),
    receivedAt: p.datetime(3),
    /** Who delivered it (供应商), as the ERP or the receiving clerk names them: a recall starts there. */
    supplier: p.string().length(100).nullable(),
  },
});

export type MaterialLot = InferEntity<typeof MaterialLot>;
