import type { StatementStatus } from './month/pay-statement.entity.js';
import type { StatementLine } from './month/statement-lines.js';
import { signedYuan, yuan } from './money.js';

const statusNames: Record<StatementStatus, string> = {
  sent: '待确认',
  confirmed: '已确认',
  disputed: '有异议',
  resolved: '异议已处理',
};

export interface EarningLine {
  order: string;
  operation: string;
  good: number;
  scrap: number;
  fenPerPiece: number;
  fen: number;
  /** What the scrap took off `fen`. */
  deductionFen: number;
  /** A team's report split among its members: `good` and `scrap` are the team's, `fen` this person's part. */
  shared: boolean;
  /** A deduction for pieces rejected at 终检 for this reason code. */
  reasonCode?: string;
}

const sharedBy = (among: number): string => (among > 1 ? `，由 ${among} 人分担` : '');

/** The scrap of a line where it cost money (a rate without a scrap price takes nothing off). */
const scrapDeduction = (l: { scrap: number; deductionFen: number }): string =>
  l.deductionFen !== 0 ? `，报废 ${l.scrap} 件扣 ${yuan(l.deductionFen)}` : '';

/**
 * One operation's pieces and what they paid. A team's pieces are not this person's alone, so
 * their line says what the team made and what fell to the person, and no sum that does not add up.
 */
const piecesPaid = (
  l: Pick<EarningLine, 'good' | 'scrap' | 'fenPerPiece' | 'fen' | 'deductionFen' | 'shared'>,
): string =>
  l.shared
    ? `班组合格 ${l.good} 件 × ${yuan(l.fenPerPiece)}，分得 ${yuan(l.fen)}${l.deductionFen !== 0 ? `（已扣报废 ${yuan(l.deductionFen)}）` : ''}`
    : `合格 ${l.good} 件 × ${yuan(l.fenPerPiece)}${scrapDeduction(l)} = ${yuan(l.fen)}`;

/** What the pay capability says, in one place for review and translation. */
export const payMessages = {
  earnedNow: (fen: number, todayFen: number) => `本次 ${signedYuan(fen)}，今日 ${yuan(todayFen)}`,
  corrected: (fen: number, among: number, day: string) =>
    `收入更正 ${signedYuan(fen)}${sharedBy(among)}（计入 ${day}）`,
  correctedLate: (fen: number, among: number, month: string) =>
    `收入更正 ${signedYuan(fen)}${sharedBy(among)}（原月份已结算，计入 ${month}）`,
  rejectDeducted: (pieces: number, code: string, fen: number, people: number) =>
    `计件扣款：不合格 ${pieces} 件（${code}）共扣 ${yuan(fen)}，由做这道工序的 ${people} 人承担`,
  teamSplit: (fen: number, members: number) => `班组计件 ${signedYuan(fen)}，由 ${members} 人分`,
  todayHelp: '查看今天的计件收入（组长可查本组的人，主管可查所有人）',
  monthHelp: '查看本月（或指定月份，如 2026-11）的计件收入和明细',
  personNotFound: (who: string) => `没有找到「${who}」。`,
  notYours: '计件收入只能查看自己的；组长可以查看本组的人，主管可以查看所有人。',
  badMonth: (text: string) => `「${text}」不是月份，请写成 2026-11、11月 或 上月。`,

  money: (fen: number) => yuan(fen),
  closeHelp: '结算一个月的计件工资（如 结算 2026-11），给每个人发工资条；结算后该月不再变动',
  statementHelp: '查看工资条（自己的；组长可查本组，主管可查所有人），如 工资条 2026-11',
  disputeHelp: '对工资条提出异议，如 有异议 2026-11 少算了 20 件',
  disputesHelp: '查看待处理的工资条异议（组长看本组，主管看全部）',
  monthClosed: (month: string) => `${month} 已经结算过了，不能再结算。`,
  monthNotOver: (month: string) => `${month} 还没过完，不能结算。`,
  closed: (month: string, people: number, fen: number) =>
    `已结算 ${month}：${people} 人，合计 ${yuan(fen)}，工资条已发出。之后对 ${month} 的更正计入下一个未结算的月份。`,
  noStatement: (name: string, month: string | undefined) =>
    month === undefined ? `${name}还没有工资条。` : `${name}没有 ${month} 的工资条。`,
  notYourStatement: '这是别人的工资条，只有本人可以确认或提出异议。',
  statementTitle: (month: string) => `${month} 工资条`,
  statementGone: '工资条已不存在',
  statementLineLabel: (l: StatementLine) =>
    l.reasonCode !== undefined
      ? `终检扣款（${l.reasonCode}）`
      : l.late
        ? `更正·${l.operation}（${l.itemCode}）`
        : `${l.operation}（${l.itemCode}）`,
  statementLineValue: (l: StatementLine) =>
    l.reasonCode !== undefined
      ? `不合格 ${l.scrap} 件${l.shared ? '（按合格件数分摊）' : ''}，扣 ${yuan(l.deductionFen)}`
      : piecesPaid(l),
  operationOf: (sequence: number) => `工序 ${sequence}`,
  deductionsLabel: '扣款合计',
  totalLabel: '合计',
  confirmButton: '确认',
  disputeButton: '有异议',
  statementStatus: (status: StatementStatus, reason: string | undefined) =>
    `${statusNames[status]}${reason ? `：${reason}` : ''}`,
  confirmed: (month: string) => `已确认 ${month} 工资条。`,
  askDisputeReason: (month: string) => `请写明对 ${month} 工资条的异议（哪里不对）：`,
  alreadyAnswered: (month: string, status: StatementStatus) =>
    `${month} 工资条${statusNames[status]}，不能再改。`,
  disputed: (month: string) => `已把您对 ${month} 工资条的异议转给组长，处理后会通知您。`,
  disputeToLead: (name: string, month: string, fen: number, reason: string) =>
    `${name} 对 ${month} 工资条（${yuan(fen)}）有异议：${reason}\n发「异议列表」查看全部。`,
  noDisputes: '没有待处理的工资条异议。',
  resolveHelp: '处理一条工资条异议并告诉本人结果，如 处理异议 刘洋 2026-11 已补记 5 件，计入下月',
  notDisputed: (month: string, status: StatementStatus) =>
    `${month} 工资条${statusNames[status]}，没有待处理的异议。`,
  disputeResolved: (name: string, month: string) => `已处理 ${name} 的 ${month} 工资条异议，已通知本人。`,
  disputeResolvedToWorker: (month: string, resolver: string, note: string) =>
    `您对 ${month} 工资条的异议已由${resolver}处理：${note}`,
  disputes: (rows: Array<{ name: string; month: string; fen: number; reason: string }>) =>
    ['待处理的工资条异议：', ...rows.map((r) => `- ${r.month} ${r.name} ${yuan(r.fen)}：${r.reason}`)].join(
      '\n',
    ),

  earnings(name: string, period: string, lines: EarningLine[]): string {
    if (lines.length === 0) return `${name} ${period}没有计件收入。`;
    const total = lines.reduce((sum, l) => sum + l.fen, 0);
    const rows = lines.map((l) =>
      l.reasonCode !== undefined
        ? `- 终检不合格 ${l.scrap} 件（${l.reasonCode}）扣款 = ${yuan(l.fen)}`
        : `- ${l.order} ${l.operation}：${piecesPaid(l)}`,
    );
    return [`${name} ${period}计件收入 ${yuan(total)}：`, ...rows].join('\n');
  },
};
