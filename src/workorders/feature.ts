import { mayUse } from '../chat/commands/command.js';
import type { ChatFeature } from '../chat/feature.js';
import { correctReportCommand, undoReportCommand } from './commands/correction-commands.js';
import { dispatchCommand } from './commands/dispatch-command.js';
import {
  acknowledgeExceptionCommand,
  closeExceptionCommand,
  raiseExceptionCommand,
} from './commands/exception-commands.js';
import { renameCommand } from './commands/item-commands.js';
import { newWorkOrderCommand, releaseCommand } from './commands/order-commands.js';
import { exceptionListCommand, itemListCommand, orderListCommand } from './commands/list-commands.js';
import { cancelOrderCommand, rescheduleCommand } from './commands/order-change-commands.js';
import { taskCardHandler } from './commands/task-card-handler.js';
import { finishCommand, startCommand } from './commands/task-commands.js';
import { myTasksCommand, workOrderCommand } from './commands/view-commands.js';
import { workOrderScan } from './commands/work-order-scan.js';

/** The work-order loop in chat: plan, dispatch, execute, feed back. */
export const workOrderFeature: ChatFeature = {
  commands: [
    myTasksCommand,
    startCommand,
    finishCommand,
    undoReportCommand,
    correctReportCommand,
    workOrderCommand,
    raiseExceptionCommand,
    acknowledgeExceptionCommand,
    closeExceptionCommand,
    exceptionListCommand,
    dispatchCommand,
    newWorkOrderCommand,
    releaseCommand,
    cancelOrderCommand,
    rescheduleCommand,
    renameCommand,
    orderListCommand,
    itemListCommand,
  ],
  cards: [taskCardHandler],
  scans: [workOrderScan],
  menu: { my_tasks: '我的任务', help: '帮助' },
  // Opening the chat shows a worker what is waiting for them, without a word typed.
  async welcome(ctx) {
    if (mayUse(myTasksCommand, ctx.person.roles)) await myTasksCommand.run(ctx, {});
  },
};
