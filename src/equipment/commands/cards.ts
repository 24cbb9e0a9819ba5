import type { EntityManager } from '@mikro-orm/core';
import type { CardHandler } from '../../chat/cards/card-handler.js';
import { MaintenanceTask } from '../maintenance/maintenance-task.entity.js';
import { taskForChange } from '../maintenance/task-service.js';
import { MAINTENANCE_CARD } from '../maintenance/task-view.js';
import { equipmentMessages as m } from '../messages.js';
import { ticketForChange } from '../repairs/repair-service.js';
import { RepairTicket } from '../repairs/repair-ticket.entity.js';
import { REPAIR_CARD } from '../repairs/repair-view.js';
import { accept, askDone, askPostpone } from './maintenance-actions.js';
import { acceptTicket, askRejectReason, askRepairNote, pass, start } from './repair-actions.js';

/** The maintenance task's buttons: 接单, 完成 (asks the checklist), 延期 (asks days and reason). */
export const maintenanceCardHandler: CardHandler = {
  cardType: MAINTENANCE_CARD,
  async currentVersion(em: EntityManager, subjectId: string) {
    const task = await em.findOne(MaintenanceTask, Number(subjectId));
    return task ? String(task.revision) : undefined;
  },
  async describeNow(em: EntityManager, subjectId: string) {
    const task = await em.findOne(MaintenanceTask, Number(subjectId));
    return task
      ? `保养 M${task.id} 现在「${m.taskStatusNames[task.status] ?? task.status}」`
      : '保养任务已不存在';
  },
  async act(ctx, subjectId, action) {
    const task = await taskForChange(ctx.em, Number(subjectId), `M${subjectId}`);
    switch (action) {
      case 'accept':
        return accept(ctx, task);
      case 'done':
        return askDone(ctx, task);
      case 'postpone':
        return askPostpone(ctx, task);
      default:
        throw new Error(`unknown maintenance card action ${action}`);
    }
  },
};

/** The repair ticket's buttons, one step at a time: 接单, 开始维修, 维修完成, 验收通过 / 验收不通过. */
export const repairCardHandler: CardHandler = {
  cardType: REPAIR_CARD,
  async currentVersion(em: EntityManager, subjectId: string) {
    const ticket = await em.findOne(RepairTicket, Number(subjectId));
    return ticket ? String(ticket.revision) : undefined;
  },
  async describeNow(em: EntityManager, subjectId: string) {
    const ticket = await em.findOne(RepairTicket, Number(subjectId));
    return ticket
      ? `维修 R${ticket.id} 现在「${m.repairStateNames[ticket.state] ?? ticket.state}」`
      : '维修单已不存在';
  },
  async act(ctx, subjectId, action) {
    const ticket = await ticketForChange(ctx.em, Number(subjectId), `R${subjectId}`);
    switch (action) {
      case 'accept':
        return acceptTicket(ctx, ticket);
      case 'start':
        return start(ctx, ticket);
      case 'repaired':
        return askRepairNote(ctx, ticket);
      case 'pass':
        return pass(ctx, ticket);
      case 'fail':
        return askRejectReason(ctx, ticket);
      default:
        throw new Error(`unknown repair card action ${action}`);
    }
  },
};
