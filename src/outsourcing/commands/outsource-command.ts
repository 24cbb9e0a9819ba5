import type { Command } from '../../chat/commands/command.js';
import type { CommandContext } from '../../chat/context.js';
import { parseQuantity } from '../../chat/text/chinese-number.js';
import { tokenize } from '../../chat/text/normalize.js';
import { RefusedError } from '../../shared/errors.js';
import { outsourcingMessages as m } from '../messages.js';
import { orderFor } from '../order-lookup.js';
import { changeState } from '../order-service.js';
import { OutsourcingOrder } from '../outsourcing-order.entity.js';
import { partnerScopeOf } from '../partner-service.js';
import { statesOf } from '../states.js';
import { changerOf } from './chat-deps.js';
import { returnReply } from './receiving-commands.js';
import { askNext, continueDraft, prefill, type Draft } from './create-dialog.js';

export const OUTSOURCE_COMMAND = '外发';

/**
 * `外发 <单号> <状态>` moves an order; `外发` with anything else starts a new order, taking
 * what the line already says (partner, product, quantity, return date, work order) and
 * asking only for what is missing.
 */
export const outsourceCommand: Command = {
  name: OUTSOURCE_COMMAND,
  aliases: ['outsource'],
  roles: ['coordinator', 'partner', 'supervisor', 'planner'],
  help: m.outsourceHelp,
  helpFor: {
    roles: ['partner'],
    args: [
      { name: 'order', label: '单号', kind: 'word' },
      { name: 'state', label: '状态', kind: 'word' },
    ],
    help: m.outsourcePartnerHelp,
  },
  args: [{ name: 'text', label: '外协厂 物料 数量 回厂时间', kind: 'text', optional: true }],
  async run(ctx, args) {
    const tokens = tokenize(args.text === undefined ? '' : String(args.text));
    if (await isStateChange(ctx, tokens)) return move(ctx, tokens[0] ?? '', tokens[1] ?? '', tokens[2]);
    if (await isOrderNumberAlone(ctx, tokens)) return askState(ctx, tokens[0] ?? '');
    const scope = await partnerScopeOf(ctx.em, ctx.person);
    if (scope !== undefined) return ctx.reply(scope === null ? m.partnerUnbound : m.partnerOnlyUpdates);
    const draft = await prefill(ctx, tokens);
    await askNext(ctx, draft);
  },
  async resume(ctx, step, state, answer) {
    await continueDraft(ctx, step, state as unknown as Draft, answer);
  },
};

/**
 * Two words, the first an order number: a state change, even when the state is misspelt. A
 * third word is the quantity back when the state is a returned one.
 */
async function isStateChange(ctx: CommandContext, tokens: string[]): Promise<boolean> {
  const [first, second, third, ...rest] = tokens;
  if (first === undefined || second === undefined || rest.length > 0) return false;
  if (third !== undefined && parseQuantity(third) === undefined) return false;
  if (statesOf(ctx.config.outsourcing).parse(second)) return true;
  return isOrderNumber(ctx, first);
}

/** `外发 OS-20261126-001` alone: the number of an order, not a partner's name for a new one. */
async function isOrderNumberAlone(ctx: CommandContext, tokens: string[]): Promise<boolean> {
  const [only] = tokens;
  if (only === undefined || tokens.length > 1) return false;
  return isOrderNumber(ctx, only);
}

async function isOrderNumber(ctx: CommandContext, word: string): Promise<boolean> {
  return (await ctx.em.count(OutsourcingOrder, { number: word.toUpperCase() })) > 0;
}

/** Where the order stands and the states it may move to: the person wanted to move it. */
async function askState(ctx: CommandContext, number: string): Promise<void> {
  const states = statesOf(ctx.config.outsourcing);
  const order = await orderFor(ctx.em, ctx.person, number);
  const next = states.allowedFrom(order.state).map((id) => states.nameOf(id));
  ctx.reply(m.nameTheState(order.number, states.nameOf(order.state), next));
}

async function move(
  ctx: CommandContext,
  number: string,
  stateText: string,
  quantityText: string | undefined,
): Promise<void> {
  const states = statesOf(ctx.config.outsourcing);
  const order = await orderFor(ctx.em, ctx.person, number);
  const target = states.parse(stateText);
  if (!target) {
    throw new RefusedError(
      'unknown_state',
      m.unknownState(
        stateText,
        states.all.map((s) => s.name),
      ),
    );
  }
  const from = states.nameOf(order.state);
  const returnedQuantity = quantityText === undefined ? undefined : parseQuantity(quantityText);
  const { received } = await changeState(ctx.services, changerOf(ctx), order, target.id, {
    returnedQuantity,
  });
  if (!received) return ctx.reply(m.moved(order.number, from, target.name));
  ctx.reply(returnReply(ctx, order, received));
}
