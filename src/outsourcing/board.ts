import type { EntityManager } from '@mikro-orm/core';
import type { FactoryConfig } from '../config/factory-config.js';
import { outsourcingMessages as m, duration, type OrderLine } from './messages.js';
import { orderLines } from './order-view.js';
import { OutsourcingOrder } from './outsourcing-order.entity.js';
import { statesOf } from './states.js';

export type RiskColour = 'red' | 'yellow' | 'green';

export interface BoardRow extends OrderLine {
  colour: RiskColour;
  /** `已逾期 3 小时`, `还剩 5 小时`, `已回厂`. */
  timing: string;
}

export interface RiskBoard {
  red: BoardRow[];
  yellow: BoardRow[];
  green: BoardRow[];
}

/**
 * Every open order by return risk: red past its expected return and not back, yellow due
 * within `reminders.warnHours`, green otherwise (and every batch already back). Oldest
 * expected return first in each group. `partner` limits it to one partner's orders.
 */
export async function riskBoard(
  em: EntityManager,
  config: FactoryConfig,
  tz: string,
  now: Date,
  partner?: string,
): Promise<RiskBoard> {
  const states = statesOf(config.outsourcing);
  const orders = await em.find(
    OutsourcingOrder,
    { state: { $in: states.open }, ...(partner === undefined ? {} : { partner }) },
    { populate: ['partner'], orderBy: { expectedReturnAt: 'asc', id: 'asc' } },
  );
  const lines = await orderLines(em, orders, states, { tz, now });
  const warnMs = config.reminders.warnHours * 3_600_000;
  const board: RiskBoard = { red: [], yellow: [], green: [] };
  orders.forEach((order, i) => {
    const line = lines[i];
    if (!line) return;
    const left = order.expectedReturnAt.getTime() - now.getTime();
    // Green only when nothing is left at the partner, whatever state it was moved to.
    const back = states.isBack(order.state) && order.returnedQuantity >= order.quantity;
    const colour: RiskColour = back ? 'green' : left < 0 ? 'red' : left <= warnMs ? 'yellow' : 'green';
    const timing = back ? m.boardBack : left < 0 ? m.boardLate(duration(-left)) : m.boardLeft(duration(left));
    board[colour].push({ ...line, colour, timing });
  });
  return board;
}
