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
  },
});

export type MaterialLot = InferEntity<typeof MaterialLot>;
