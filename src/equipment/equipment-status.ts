import type { EntityManager } from '@mikro-orm/core';
import { Downtime } from './downtime.entity.js';
import type { Equipment, EquipmentStatus } from './equipment.entity.js';
import { MaintenanceTask } from './maintenance/maintenance-task.entity.js';

/**
 * The status follows what is open on the machine, so no flow has to remember to undo
 * another's: a repair in progress wins, then maintenance someone took on, then a 停机.
 * Call it after flushing the change that may move it.
 */
export async function settleStatus(em: EntityManager, equipment: Equipment): Promise<EquipmentStatus> {
  const open = await em.find(Downtime, { equipment: equipment.code, endedAt: null });
  const maintaining = await em.count(MaintenanceTask, { equipment: equipment.code, status: 'accepted' });
  const status: EquipmentStatus = open.some((d) => d.ticket)
    ? 'repair'
    : maintaining > 0
      ? 'maintenance'
      : open.length > 0
        ? 'stopped'
        : 'running';
  equipment.status = status;
  return status;
}
