import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { WorkReport } from '../workorders/work-report.entity.js';

/**
 * The minutes a work report added to its machine's counter, kept only when they were fewer than
 * the report's own (another operation on the machine had counted part of that time already):
 * an 撤销 takes back what was added, not what the report covered.
 */
export const EquipmentRunCredit = defineEntity({
  name: 'EquipmentRunCredit',
  tableName: 'equipment_run_credits',
  properties: {
    report: () => p.manyToOne(WorkReport).primary().deleteRule('cascade'),
    equipmentCode: p.string().length(32),
    minutes: p.integer(),
  },
});

export type EquipmentRunCredit = InferEntity<typeof EquipmentRunCredit>;
