import type { Command } from '../../chat/commands/command.js';
import { riskBoard, type BoardRow, type RiskBoard } from '../board.js';
import { outsourcingMessages as m } from '../messages.js';
import { formatAt } from '../order-view.js';
import { findPartner, partnerScopeOf } from '../partner-service.js';

const MAX_ROWS = 15;

/** 外发列表 [外协厂]: open orders, riskiest first; a partner sees only their own. */
export const listCommand: Command = {
  name: '外发列表',
  aliases: ['outsourcing'],
  roles: ['coordinator', 'partner', 'supervisor', 'qc', 'planner', 'manager'],
  help: '查看未完成的外发单（可按外协厂筛选）',
  helpFor: { roles: ['partner'], args: [], help: m.listPartnerHelp },
  args: [{ name: 'partner', label: '外协厂', kind: 'text', optional: true }],
  async run(ctx, args) {
    const scope = await partnerScopeOf(ctx.em, ctx.person);
    if (scope === null) return ctx.reply(m.partnerUnbound);
    const asked =
      args.partner === undefined ? undefined : (await findPartner(ctx.em, String(args.partner))).code;
    // A partner naming another partner still sees only their own orders.
    const partner = scope ?? asked;
    const board = await riskBoard(ctx.em, ctx.config, ctx.tz, ctx.clock.now(), partner);
    const rows = [...board.red, ...board.yellow, ...board.green];
    if (rows.length === 0) return ctx.reply(m.noOrders);
    const name = partner === undefined ? undefined : rows[0]?.partnerName;
    const lines = rows.slice(0, MAX_ROWS).map((r) => `${badge(r)} ${m.orderLine(r)}（${r.timing}）`);
    if (rows.length > MAX_ROWS) lines.push(m.more(rows.length - MAX_ROWS));
    ctx.reply([m.listHeader(rows.length, name), ...lines].join('\n'));
  },
};

/** 看板: the risk board in chat, red first. */
export const boardCommand: Command = {
  name: '看板',
  aliases: ['board', '外发看板'],
  roles: ['coordinator', 'supervisor', 'qc', 'planner', 'manager'],
  help: '外发风险看板：逾期、即将到期、正常',
  args: [],
  async run(ctx) {
    const now = ctx.clock.now();
    const board = await riskBoard(ctx.em, ctx.config, ctx.tz, now);
    const title = m.boardTitle(formatAt(now, ctx.tz));
    ctx.reply({ kind: 'markdown', title, text: boardMarkdown(title, board) });
  },
};

export function boardMarkdown(title: string, board: RiskBoard): string {
  const lines = [`### ${title}`];
  const total = board.red.length + board.yellow.length + board.green.length;
  if (total === 0) return [...lines, m.boardEmpty].join('\n');
  for (const colour of ['red', 'yellow', 'green'] as const) {
    const rows = board[colour];
    lines.push('', `**${m.boardGroups[colour]} ${rows.length} 单**`);
    for (const r of rows.slice(0, MAX_ROWS)) lines.push(`- ${m.orderLine(r)}（${r.timing}）`);
    if (rows.length > MAX_ROWS) lines.push(`- ${m.more(rows.length - MAX_ROWS)}`);
  }
  return lines.join('\n');
}

function badge(row: BoardRow): string {
  return { red: '🔴', yellow: '🟡', green: '🟢' }[row.colour];
}
