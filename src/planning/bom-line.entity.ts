import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Item } from '../workorders/item.entity.js';

/** One line of an item's bill of material (物料清单): how much of a component one piece takes. */
export const BomLine = defineEntity({
  name: 'BomLine',
  tableName: 'bom_lines',
  uniques: [{ properties: ['parent', 'component'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    parent: () => p.manyToOne(Item).deleteRule('cascade'),
    component: () => p.manyToOne(Item),
    /** Of the component, in `unit`, per piece of the parent. */
    quantityPer: p.double().$type<number>().runtimeType('number'),
    /** The component's unit when the line was written (the ERP sends it beside the figure). */
    unit: p.string().length(16),
  },
});

export type BomLine = InferEntity<typeof BomLine>;
