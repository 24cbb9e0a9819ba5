import type { Services } from '../services.js';
import type { Actor } from '../chat/audit/actor.js';
import { parseQuantity, withArabicNumerals } from '../chat/text/chinese-number.js';
import { recordAudit } from '../chat/audit/actor.js';
import {
  claimExplicitNumber,
  flushNumbered,
  NumberTakenError,
  nextDayNumber,
  type DayNumbering,
} from '../db/sequences/day-numbers.js';
import { businessDateWindow, withinWindow } from '../shared/bounds/checks.js';
import { RefusedError } from '../shared/errors.js';
import { addDays } from '../shared/production-day.js';
import { inZone } from '../shared/time.js';
import { Item } from './item.entity.js';
import { workOrderMessages as m } from './messages.js';
import { OperationTask } from './operation-task.entity.js';
import { RoutingStep } from './routing-step.entity.js';
import { WorkOrder } from './work-order.entity.js';

export interface NewWorkOrder {
  itemCode: string;
  quantity: number;
  dueDate: string;
  customer?: string | null;
  priority?: number;
  /** Given by an import from the ERP; otherwise WO-<factory date>-<n>. */
  number?: string;
}

const workOrderNumbering: DayNumbering = {
  kind: 'work_order',
  prefix: 'WO',
  isTaken: async (em, number) => (await em.count(WorkOrder, { number })) > 0,
  taken: (number, cause) =>
    new NumberTakenError(`Work order ${number} already exists.`, m.numberTaken(number), number, cause),
};

/** Creates a work order in 计划 with one operation task per step of the item's routing. */
export async function createWorkOrder(
  deps: Services,
  actor: Actor,
  input: NewWorkOrder,
  tz: string,
): Promise<WorkOrder> {
  const { em } = deps;
  const item = await em.findOne(Item, { code: input.itemCode.toUpperCase() });
  if (!item) throw new RefusedError('item_not_found', m.itemNotFound(input.itemCode));
  const steps = await em.find(RoutingStep, { item }, { orderBy: { sequence: 'asc' } });
  if (steps.length === 0) throw new RefusedError('no_routing', m.noRouting(item.code));
  if (input.number !== undefined) await claimExplicitNumber(em, workOrderNumbering, input.number);
  const order = em.create(WorkOrder, {
    number: input.number ?? (await nextDayNumber(em, workOrderNumbering, actor.at, tz)),
    item,
    quantity: input.quantity,
    customer: input.customer ?? null,
    dueDate: input.dueDate,
    priority: input.priority ?? 3,
    createdAt: actor.at,
  });
  for (const step of steps) {
    em.create(OperationTask, {
      workOrder: order,
      sequence: step.sequence,
      name: step.name,
      plannedQuantity: input.quantity,
      standardMinutes: step.standardMinutes,
      firstArticle: step.firstArticle,
      parameters: step.parameters ?? null,
      characteristics: step.characteristics ?? null,
    });
  }
  await flushNumbered(em, workOrderNumbering, order.number);
  recordAudit(em, actor, 'work_order.create', 'work_order', order.number, {
    item: item.code,
    quantity: input.quantity,
  });
  return order;
}

export async function releaseWorkOrder(deps: Services, actor: Actor, order: WorkOrder): Promise<void> {
  if (order.status !== 'planned') {
    throw new RefusedError(
      'order_not_planned',
      m.orderNotPlanned(order.number, m.statusNames[order.status] ?? order.status),
    );
  }
  order.status = 'released';
  order.releasedAt = actor.at;
  recordAudit(deps.em, actor, 'work_order.release', 'work_order', order.number);
  await deps.events.publish(deps, 'workorders.order_released', { order });
}

/** Days from today that people name by word. */
const NAMED_DAYS: Record<string, number> = { 今天: 0, 明天: 1, 后天: 2 };

/**
 * `2026-12-01`, `12-01`, `12/1`, `12月1日`, `十二月五号` (as voice input writes it), `明天`: a due
 * date as planners type or say it, in the factory's year.
 */
export function parseDueDate(text: string, today: Date, tz: string): string | undefined {
  const said = withArabicNumerals(text).trim();
  const named = NAMED_DAYS[said];
  if (named !== undefined) return addDays(factoryToday(today, tz), named);
  const t = said.replace(/[月/.]/g, '-').replace(/[日号]$/, '');
  const full = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const short = /^(\d{1,2})-(\d{1,2})$/.exec(t);
  const [y, mo, d] = full
    ? [full[1], full[2], full[3]]
    : short
      ? [inZone(today, tz).format('YYYY'), short[1], short[2]]
      : [];
  if (y === undefined || mo === undefined || d === undefined) return undefined;
  const date = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const check = new Date(`${date}T00:00:00Z`);
  const real = !Number.isNaN(check.getTime()) && check.toISOString().slice(0, 10) === date;
  // `0000-01-01` or `9999-12-31` is a slip of the keyboard, never a date anyone plans for.
  return real && withinWindow(check, businessDateWindow(today)) ? date : undefined;
}

/** The factory's calendar date now, `YYYY-MM-DD`, to compare with due dates. */
export function factoryToday(now: Date, tz: string): string {
  return inZone(now, tz).format('YYYY-MM-DD');
}

/** A due date as typed, or a refusal saying how to write one. */
export function dueDateOf(text: string, now: Date, tz: string): string {
  const date = parseDueDate(text, now, tz);
  if (!date) throw new RefusedError('bad_due_date', m.badDueDate(text));
  return date;
}

/** 300 or 三百: a work order is for a whole, positive number of pieces. */
export function orderQuantityOf(text: string): number {
  const quantity = parseQuantity(text);
  if (quantity === undefined || !Number.isInteger(quantity) || quantity <= 0)
    throw new RefusedError('bad_quantity', m.badOrderQuantity(text));
  return quantity;
}
