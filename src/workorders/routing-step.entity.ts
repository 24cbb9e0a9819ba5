import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Item } from './item.entity.js';

/**
 * A process parameter (工艺参数) the operation declares: what a report on it should record, in
 * which unit, within which limits. Read by the quality capability.
 */
export interface RoutingParameter {
  name: string;
  unit: string;
  nominal?: number;
  min?: number;
  max?: number;
}

/**
 * A characteristic (检验特性) QC measures on the operation's pieces at 首检, 巡检 or 终检: the
 * same shape as a parameter, read the same way, but of the piece rather than the machine.
 */
export type RoutingCharacteristic = RoutingParameter;

/** One operation (工序) of an item's routing, in sequence order. */
export const RoutingStep = defineEntity({
  name: 'RoutingStep',
  tableName: 'routing_steps',
  uniques: [{ properties: ['item', 'sequence'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    item: () => p.manyToOne(Item).deleteRule('cascade'),
    sequence: p.integer(),
    name: p.string().length(64),
    workCenter: p.string().length(64).nullable(),
    equipmentType: p.string().length(64).nullable(),
    standardMinutes: p.double().$type<number>().runtimeType('number').default(0),
    /** Once per batch, before the first piece (换型/调机): the ERP's routing carries it beside the per-piece time. */
    setupMinutes: p.double().$type<number>().runtimeType('number').default(0),
    /** 首检: reports beyond the first pieces wait until QC passes a first article (quality capability). */
    firstArticle: p.boolean().default(false),
    /** 工艺参数 from the ERP's routing (API or import); null when it declares none. */
    parameters: p.json<RoutingParameter[]>().nullable(),
    /** 检验特性 from the routing (API): what QC measures, with its unit and limits; null when none. */
    characteristics: p.json<RoutingCharacteristic[]>().nullable(),
  },
});

export type RoutingStep = InferEntity<typeof RoutingStep>;
