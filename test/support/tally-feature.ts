import type { EntityManager } from '@mikro-orm/core';
import { AuditEntry } from '../../src/chat/audit/audit-entry.entity.js';
import type { CardHandler } from '../../src/chat/cards/card-handler.js';
import type { Command } from '../../src/chat/commands/command.js';
import type { CommandContext } from '../../src/chat/context.js';
import type { ChatFeature } from '../../src/chat/feature.js';
import { parseQuantity } from '../../src/chat/text/chinese-number.js';
import { RefusedError } from '../../src/shared/errors.js';

/**
 * A tiny capability that exercises every path of the chat engine without depending on any
 * real one: a shared tally whose entries are audit rows (so effects are countable in a real
 * table), a two-step dialog, a card with a role-restricted button, and a refusal.
 */
export async function tallyEntries(em: EntityManager): Promise<AuditEntry[]> {
  return em.fork().find(AuditEntry, { action: 'tally.add' }, { orderBy: { id: 'asc' } });
}

async function total(em: EntityManager): Promise<number> {
  const rows = await em.find(AuditEntry, { action: 'tally.add' });
  return rows.reduce((sum, r) => sum + Number(r.details.quantity), 0);
}

function add(ctx: CommandContext, quantity: number): void {
  if (quantity > 1000_000)
    throw new RefusedError('tally_too_large', `一次最多记 1000000，您输入了 ${quantity}。`);
  ctx.audit('tally.add', 'tally', 'main', { quantity });
  ctx.reply(`已记 ${quantity}。`);
}

const addCommand: Command = {
  name: '记一笔',
  aliases: ['tally'],
  roles: ['worker', 'team_lead', 'supervisor'],
  help: '在计数板上加一个数',
  args: [{ name: 'quantity', label: '数量', kind: 'quantity', optional: true }],
  async run(ctx, args) {
    if (typeof args.quantity === 'number') return add(ctx, args.quantity);
    await ctx.ask('记一笔', 'quantity', '记多少？', {});
  },
  async resume(ctx, _step, _state, answer) {
    const quantity = parseQuantity(answer);
    if (quantity === undefined)
      return ctx.ask('记一笔', 'quantity', `「${answer}」不是数量，请重新输入：`, {});
    add(ctx, quantity);
  },
};

const boardCommand: Command = {
  name: '计数板',
  aliases: ['board'],
  roles: ['supervisor', 'team_lead'],
  help: '查看计数板卡片',
  args: [],
  async run(ctx) {
    const sum = await total(ctx.em);
    ctx.reply(
      ctx.card(
        'tally',
        { type: 'tally', id: 'main', version: String(sum) },
        {
          title: '计数板',
          fields: [{ label: '合计', value: String(sum) }],
          buttons: [{ text: '加一', action: 'plus-one', style: 'primary' }],
        },
      ),
    );
  },
};

const tallyCard: CardHandler = {
  cardType: 'tally',
  currentVersion: async (em) => String(await total(em)),
  describeNow: async (em) => `合计已变为 ${await total(em)}`,
  async act(ctx, _subjectId, action) {
    if (action !== 'plus-one') throw new Error(`unknown tally action ${action}`);
    if (!ctx.person.roles.includes('team_lead'))
      throw new RefusedError('not_team_lead', '只有班组长可以在卡片上加一。');
    add(ctx, 1);
  },
};

export const tallyFeature: ChatFeature = { commands: [addCommand, boardCommand], cards: [tallyCard] };
