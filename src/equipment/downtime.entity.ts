import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Person } from '../people/person.entity.js';
import { Equipment } from './equipment.entity.js';
import { RepairTicket } from './repairs/repair-ticket.entity.js';

/**
 * A stretch of time a machine stood still: from 报修 (or an earlier 停机 report) to the
 * repair's 验收, or from 停机 to 开机. Open while `endedAt` is null.
 */
export const Downtime = defineEntity({
  name: 'Downtime',
  tableName: 'equipment_downtimes',
  indexes: [{ properties: ['equipment', 'endedAt'] }, { properties: ['startedAt'] }],
  properties: {
    id: p.integer().primary().autoincrement(),
    equipment: () => p.manyToOne(Equipment),
    startedAt: p.datetime(3),
    endedAt: p.datetime(3).nullable(),
    reason: p.string().length(500),
    reportedBy: () => p.manyToOne(Person).nullable(),
    ticket: () => p.manyToOne(RepairTicket).nullable(),
  },
});

export type Downtime = InferEntity<typeof Downtime>;
