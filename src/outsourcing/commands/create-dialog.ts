import type { CommandContext } from '../../chat/context.js';
import { parseQuantity } from '../../chat/text/chinese-number.js';
import { AppError, RefusedError } from '../../shared/errors.js';
import { Item } from '../../workorders/item.entity.js';
import { itemNamed } from '../../workorders/item-lookup.js';
import { WorkOrder } from '../../workorders/work-order.entity.js';
import { customFieldValue, requiredCustomFields } from '../custom-fields.js';
import { outsourcingMessages as m } from '../messages.js';
import { createOutsourcingOrder } from '../order-service.js';
import { orderLine, parseReturnAt } from '../order-view.js';
import { findPartner } from '../partner-service.js';
import { Partner } from '../partner.entity.js';
import { statesOf } from '../states.js';
import { changerOf } from './chat-deps.js';

const COMMAND = '外发';
const MAX_OPTIONS = 20;

/** What the coordinator has told so far; kept with the open question between messages. */
export type Draft = {
  partner?: string;
  product?: string;
  quantity?: number;
  /** ISO instant. */
  returnAt?: string;
  workOrder?: string;
  /** The work order's operation the partner does (`工序20`): their good pieces are its output. */
  operation?: string;
  custom: Record<string, unknown>;
  /** The codes behind the numbers of the list last shown. */
  options?: string[];
};

/**
 * Reads `外发 华美电镀 BTN-01 5000 11-28 14:00 WO-1`: each word is recognised by what it is. The
 * product is its code or its whole name (a name several items share is refused with their codes).
 */
export async function prefill(ctx: CommandContext, tokens: string[]): Promise<Draft> {
  const draft: Draft = { custom: {} };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    const next = tokens[i + 1];
    const { defaultReturnTime } = ctx.config.outsourcing;
    const operation = /^(?:工序|#)(\d+)$|^(\d+)工序$/.exec(token);
    if (/^WO-/i.test(token) && (await ctx.em.count(WorkOrder, { number: token.toUpperCase() })) > 0) {
      draft.workOrder = token.toUpperCase();
    } else if (operation) {
      draft.operation = operation[1] ?? operation[2];
    } else if (await namesAnItem(ctx, token)) {
      draft.product = (await itemNamed(ctx.em, token)).code;
    } else if (parseReturnAt(token, ctx.clock.now(), ctx.tz, defaultReturnTime)) {
      const withTime = next && parseReturnAt(`${token} ${next}`, ctx.clock.now(), ctx.tz, defaultReturnTime);
      draft.returnAt = (
        withTime || parseReturnAt(token, ctx.clock.now(), ctx.tz, defaultReturnTime)
      )?.toISOString();
      if (withTime) i += 1;
    } else if (parseQuantity(token) !== undefined) {
      draft.quantity = parseQuantity(token);
    } else {
      draft.partner = (await findPartner(ctx.em, token)).code;
    }
  }
  return draft;
}

async function namesAnItem(ctx: CommandContext, token: string): Promise<boolean> {
  return (await ctx.em.count(Item, { $or: [{ code: token.toUpperCase() }, { name: token }] })) > 0;
}

/** Asks for the first missing field, or creates the order when nothing is missing. */
export async function askNext(ctx: CommandContext, draft: Draft): Promise<void> {
  const { em } = ctx;
  if (draft.partner === undefined) {
    const partners = await em.find(
      Partner,
      { active: true },
      { orderBy: { code: 'asc' }, limit: MAX_OPTIONS },
    );
    if (partners.length === 0) return ctx.reply(m.noPartners);
    const options = partners.map((p, i) => `${i + 1}. ${p.name}（${p.process}）`);
    return ctx.ask(COMMAND, 'partner', m.askPartner(options), {
      ...draft,
      options: partners.map((p) => p.code),
    });
  }
  if (draft.product === undefined) {
    const items = await em.find(
      Item,
      { kind: { $ne: 'raw' } },
      { orderBy: { code: 'asc' }, limit: MAX_OPTIONS },
    );
    const options = items.map((it, i) => `${i + 1}. ${it.code} ${it.name}`);
    return ctx.ask(COMMAND, 'product', m.askProduct(options), {
      ...draft,
      options: items.map((it) => it.code),
    });
  }
  if (draft.quantity === undefined) {
    const item = await em.findOne(Item, draft.product);
    return ctx.ask(COMMAND, 'quantity', m.askQuantity(item?.name ?? draft.product), draft);
  }
  if (draft.returnAt === undefined) return ctx.ask(COMMAND, 'return', m.askReturn, draft);
  const missing = requiredCustomFields(ctx.config.outsourcing).find((f) => !(f.key in draft.custom));
  if (missing) {
    const hint = missing.options ? `（${missing.options.join(' / ')}）` : '';
    return ctx.ask(COMMAND, `custom:${missing.key}`, m.askCustomField(missing.title, hint), draft);
  }
  await create(ctx, draft);
}

/** Applies one answer; a wrong answer asks the same question again, saying what was wrong. */
export async function continueDraft(
  ctx: CommandContext,
  step: string,
  draft: Draft,
  answer: string,
): Promise<void> {
  const text = answer.trim();
  const picked = /^\d{1,2}$/.test(text) ? draft.options?.[Number(text) - 1] : undefined;
  const next: Draft = { ...draft, custom: { ...draft.custom } };
  delete next.options;
  let problem: string | undefined;
  if (step === 'partner') {
    problem = await refusalOf(async () => {
      next.partner = picked ?? (await findPartner(ctx.em, text)).code;
    });
  } else if (step === 'product') {
    // The list shows code and name: either is an answer, as in 新建工单.
    problem = await refusalOf(async () => {
      next.product = picked ?? (await itemNamed(ctx.em, text)).code;
    });
  } else if (step === 'quantity') {
    const quantity = parseQuantity(text);
    if (quantity !== undefined && Number.isInteger(quantity) && quantity > 0) next.quantity = quantity;
    else problem = m.badQuantity(text);
  } else if (step === 'return') {
    const at = parseReturnAt(text, ctx.clock.now(), ctx.tz, ctx.config.outsourcing.defaultReturnTime);
    if (at) next.returnAt = at.toISOString();
    else problem = m.badReturnTime(text);
  } else if (step.startsWith('custom:')) {
    const prompt = requiredCustomFields(ctx.config.outsourcing).find((f) => `custom:${f.key}` === step);
    if (prompt) next.custom[prompt.key] = customFieldValue(prompt, text);
  }
  if (problem !== undefined) {
    ctx.reply(problem);
    return askNext(ctx, draft);
  }
  await askNext(ctx, next);
}

/** What a refused answer was told, to ask the question again with; other errors go on up. */
async function refusalOf(take: () => Promise<void>): Promise<string | undefined> {
  try {
    await take();
    return undefined;
  } catch (error) {
    if (!(error instanceof AppError) || error.userMessage === undefined) throw error;
    return error.userMessage;
  }
}

async function create(ctx: CommandContext, draft: Draft): Promise<void> {
  if (draft.operation !== undefined && draft.workOrder === undefined)
    throw new RefusedError('operation_needs_order', m.operationNeedsOrder);
  const order = await createOutsourcingOrder(ctx.services, changerOf(ctx), {
    partnerCode: draft.partner ?? '',
    productCode: draft.product ?? '',
    quantity: draft.quantity ?? 0,
    expectedReturnAt: new Date(draft.returnAt ?? ''),
    workOrderNumber: draft.workOrder ?? null,
    operation: draft.operation ?? null,
    customFields: draft.custom,
  });
  const line = m.created(
    await orderLine(ctx.em, order, statesOf(ctx.config.outsourcing), { tz: ctx.tz, now: ctx.clock.now() }),
  );
  ctx.reply(
    order.workOrder && order.operation
      ? `${line}${m.linkedOperation(order.workOrder.number, order.operation.name)}`
      : line,
  );
}
