import { signedYuan, yuan } from './money.js';

export interface EarningLine {
  order: string;
  operation: string;
  good: number;
  scrap: number;
  fenPerPiece: number;
  fen: number;
}

/** What the pay capability says, in one place for review and translation. */
export const payMessages = {
  earnedNow: (fen: number, todayFen: number) => `本次 ${signedYuan(fen)}，今日 ${yuan(todayFen)}`,
  corrected: (fen: number, day: string) => `收入更正 ${signedYuan(fen)}（计入 ${day}）`,
  correctedLate: (fen: number, month: string) => `收入更正 ${signedYuan(fen)}（原月份已结算，计入 ${month}）`,
  teamSplit: (fen: number, members: number) => `班组计件 ${signedYuan(fen)}，由 ${members} 人分`,
  todayHelp: '查看今天的计件收入（组长可查本组的人，主管可查所有人）',
  monthHelp: '查看本月（或指定月份，如 2026-11）的计件收入和明细',
  personNotFound: (who: string) => `没有找到「${who}」。`,
  notYours: '计件收入只能查看自己的；组长可以查看本组的人，主管可以查看所有人。',
  badMonth: (text: string) => `「${text}」不是月份，请写成 2026-11 这样。`,

  earnings(name: string, period: string, lines: EarningLine[]): string {
    if (lines.length === 0) return `${name} ${period}没有计件收入。`;
    const total = lines.reduce((sum, l) => sum + l.fen, 0);
    const rows = lines.map(
      (l) =>
        `- ${l.order} ${l.operation}：合格 ${l.good} 件 × ${yuan(l.fenPerPiece)}${l.scrap !== 0 ? `，报废 ${l.scrap} 件` : ''} = ${yuan(l.fen)}`,
    );
    return [`${name} ${period}计件收入 ${yuan(total)}：`, ...rows].join('\n');
  },
};
