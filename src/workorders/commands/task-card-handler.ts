import type { EntityManager } from '@mikro-orm/core';
import type { CardHandler } from '../../chat/cards/card-handler.js';
import { workOrderMessages as m } from '../messages.js';
import { OperationTask } from '../operation-task.entity.js';
import { startTask } from '../reporting-service.js';
import { loadTask } from '../task-lookup.js';
import { askQuantity, finish, remainingOf } from './task-commands.js';

/** The task card's buttons: 开工, 完工 <remaining> (one tap), 其他数量 (asks). */
export const taskCardHandler: CardHandler = {
  cardType: 'task',
  async currentVersion(em: EntityManager, subjectId: string) {
    const task = await em.findOne(OperationTask, Number(subjectId));
    return task ? String(task.revision) : undefined;
  },
  async describeNow(em: EntityManager, subjectId: string) {
    const task = await em.findOne(OperationTask, Number(subjectId), { populate: ['workOrder'] });
    if (!task) return '任务已不存在';
    return `${task.workOrder.number}「${task.name}」现在是「${m.taskStatusNames[task.status]}」，已报合格 ${task.goodTotal} 件`;
  },
  async act(ctx, subjectId, action) {
    const loaded = await loadTask(ctx.em, Number(subjectId));
    const { order } = loaded;
    const task = loaded.task;
    switch (action) {
      case 'start':
        await startTask(ctx.services, ctx.actor, loaded, task);
        return ctx.reply(m.started(order.number, task.name, task.equipment?.code));
      case 'finish-all':
        return finish(ctx, loaded, task, remainingOf(loaded, task), 0);
      case 'finish-other':
        return askQuantity(ctx, loaded, task);
      default:
        throw new Error(`unknown task card action ${action}`);
    }
  },
};
