import type { PointTrigger } from '../capabilities/point-trigger.js';
import { inZone } from '../shared/time.js';
import type { PointEntry } from './point-entry.entity.js';
import type { Period } from './periods.js';
import type { PointsSummary } from './ledger.js';
import type { TeamLeaderboard } from './leaderboard-service.js';
import type { ReportingRate } from './reporting-rate.js';
import type { ActiveRule } from './rules/active-rules.js';
import type { CompareOp, Condition, Operand } from './rules/expression.js';
import { placesOf, samePoints, sameTeamStanding } from './places.js';
import type { Standings } from './standings.js';

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);
const md = (day: string) => day.slice(5);
const span = (p: Period) => `${md(p.firstDay)}—${md(p.lastDay)}`;
const MEDALS = ['🥇', '🥈', '🥉'];
/** A place from 1; people who tie share it, and its medal. */
const placeOf = (place: number) => MEDALS[place - 1] ?? `${place}.`;
/** How far the 排行 list goes; everyone tied with its last place is listed too. */
const BOARD_PLACES = 10;

const OPERATOR_WORDS: Record<CompareOp, string> = {
  '==': '=',
  '!=': '≠',
  '<': '<',
  '<=': '≤',
  '>': '>',
  '>=': '≥',
};

function operandText(o: Operand, fields: PointTrigger['fields']): string {
  if (o.kind === 'field') return fields[o.name]?.label ?? o.name;
  return typeof o.value === 'number' ? String(o.value) : `「${o.value}」`;
}

/**
 * `good >= 50 and scrap == 0` as a worker reads it: 合格数 ≥ 50 且 报废数 = 0, in the words of
 * the trigger's fields.
 */
export function conditionText(c: Condition, fields: PointTrigger['fields']): string {
  switch (c.kind) {
    case 'compare':
      return `${operandText(c.left, fields)} ${OPERATOR_WORDS[c.op]} ${operandText(c.right, fields)}`;
    case 'not':
      return `不满足（${conditionText(c.operand, fields)}）`;
    case 'and':
    case 'or': {
      const side = (s: Condition) =>
        s.kind !== c.kind && (s.kind === 'and' || s.kind === 'or')
          ? `（${conditionText(s, fields)}）`
          : conditionText(s, fields);
      return `${side(c.left)} ${c.kind === 'and' ? '且' : '或'} ${side(c.right)}`;
    }
  }
}

function ruleLine(rule: ActiveRule, i: number): string {
  const when = rule.condition ? `，当${conditionText(rule.condition, rule.source.fields)} 时` : '';
  const points = rule.points > 0 ? `+${rule.points} 分` : `扣 ${-rule.points} 分`;
  const caps = [
    ...(rule.dailyCap === undefined ? [] : [`每天最多 ${rule.dailyCap} 分`]),
    ...(rule.weeklyCap === undefined ? [] : [`每周最多 ${rule.weeklyCap} 分`]),
  ];
  return `${i + 1}. ${rule.name}：${rule.source.label}${when}，${points}${caps.length > 0 ? `（${caps.join('，')}）` : ''}`;
}

/** Why an entry was written: a supervisor's reason, or the rule and what its trigger says of it. */
function entryWhy(entry: PointEntry, tz: string, triggers: readonly PointTrigger[]): string {
  const d = entry.details;
  if (entry.source === 'manual') {
    return `${entry.points > 0 ? '主管加分' : '主管扣分'}：${entry.reason}（${String(d.by ?? entry.recordedBy ?? '')}）`;
  }
  const capped = d.cappedFrom === undefined ? '' : '，已到上限';
  const name = entry.eventKey?.split(':')[0];
  const explain = triggers.find((t) => t.name === name)?.explain;
  if (explain) return `${entry.reason}（${explain(d, entry.occurredAt, tz)}${capped}）`;
  return `${entry.reason}${capped ? `（${capped.slice(1)}）` : ''}`;
}

function rateText(rate: ReportingRate): string {
  return rate.rate === null ? '—' : pct(rate.rate);
}

/** The weekly board for one team's group. Praise only: nobody is named below the top. */
export function leaderboardMarkdown(board: TeamLeaderboard): { title: string; text: string } {
  const title = `${board.teamName} · 上周积分榜（${span(board.week)}）`;
  const lines = [`### ${title}`];
  if (board.top.length > 0) {
    lines.push('**上周之星** 👏');
    const places = placesOf(board.top, samePoints);
    board.top.forEach((p, i) => lines.push(`${placeOf(places[i] ?? i + 1)} ${p.name} ${p.points} 分`));
  }
  if (board.mostImproved) {
    lines.push('', `📈 进步最快：${board.mostImproved.name}，比前一周多得 ${board.mostImproved.gain} 分`);
  }
  if (board.rate.rate !== null) {
    const before = board.previousRate.rate;
    const better =
      before !== null && board.rate.rate > before
        ? `，比前一周提高 ${((board.rate.rate - before) * 100).toFixed(1)} 个百分点`
        : '';
    lines.push(
      '',
      `✅ 班组报工率 ${pct(board.rate.rate)}（${board.rate.worked} 道工序中 ${board.rate.onTime} 道在下班前报工）${better}`,
    );
    if (board.bestRate) lines.push('🏆 报工率全厂第一，了不起！');
  }
  lines.push('', '按时报工就能得积分，下周榜上见！发送「积分」查看自己的积分。');
  return { title, text: lines.join('\n') };
}

export const incentiveMessages = {
  pointsUnit: '积分',
  reportReversed: (report: string, kind: 'undo' | 'correction', rule: string) =>
    `报工 ${report} 已${kind === 'undo' ? '撤销' : '更正'}，收回「${rule}」的得分`,
  chartTitle: (team: string, week: Period) => `${team} ${span(week)} 积分`,
  pointsHelp: '查看积分：本周、累计和最近的得分原因',
  boardHelp: '查看积分排行（本周、上周、本月或上月）',
  rulesHelp: '查看怎样得积分',
  awardHelp: '给某人加分，写明原因',
  deductHelp: '给某人扣分，写明原因',

  points(name: string, summary: PointsSummary, tz: string, triggers: readonly PointTrigger[]): string {
    if (summary.recent.length === 0) {
      return `${name}还没有积分。按时报工就能得分，发送「规则」看看怎样得分。`;
    }
    const lines = [`${name}的积分：本周 ${summary.period} 分，累计 ${summary.total} 分。`, '最近记录：'];
    for (const entry of summary.recent) {
      const when = inZone(entry.occurredAt, tz).format('MM-DD HH:mm');
      lines.push(`· ${when} ${signed(entry.points)} ${entryWhy(entry, tz, triggers)}`);
    }
    return lines.join('\n');
  },

  board(s: Standings, label: string): string {
    const lines = [`积分排行 · ${label}（${span(s.period)}）`];
    if (s.people.length === 0) lines.push('这段时间还没有人得分。');
    else {
      lines.push('个人榜：');
      const places = placesOf(s.people, samePoints);
      s.people.forEach((p, i) => {
        const place = places[i] ?? i + 1;
        if (place <= BOARD_PLACES) lines.push(`${placeOf(place)} ${p.name} ${p.points} 分`);
      });
    }
    if (s.teams.length > 0) {
      lines.push('班组榜（人均积分 · 报工率）：');
      const places = placesOf(s.teams, sameTeamStanding);
      s.teams.forEach((t, i) =>
        lines.push(`${places[i] ?? i + 1}. ${t.name} 人均 ${t.perMember} 分 · 报工率 ${rateText(t.rate)}`),
      );
    }
    return lines.join('\n');
  },

  boardWithLastWeek(thisWeek: Standings, lastWeek: Standings): string {
    return [`本周（${span(thisWeek.period)}）暂无人得分，上周：`, this.board(lastWeek, '上周')].join('\n');
  },

  rules(rules: readonly ActiveRule[], leaderboardDay: string, leaderboardTime: string): string {
    const day = WEEKDAY_WORDS[leaderboardDay] ?? leaderboardDay;
    if (rules.length === 0) return '现在没有积分规则。主管仍可以手动加分或扣分。';
    return [
      `积分规则（每${day} ${leaderboardTime} 在班组群公布上周积分榜）：`,
      ...rules.map(ruleLine),
      '主管也可以手动加分或扣分，并写明原因。',
    ].join('\n');
  },

  periodWords: {
    本周: 'this',
    这周: 'this',
    上周: 'last',
    本月: 'month',
    这个月: 'month',
    上月: 'lastMonth',
    上个月: 'lastMonth',
  } as Record<string, 'this' | 'last' | 'month' | 'lastMonth'>,
  periodLabels: { this: '本周', last: '上周', month: '本月', lastMonth: '上月' },
  badPeriod: (word: string) =>
    `「${word}」看不懂。可以说「排行 本周」「排行 上周」「排行 本月」或「排行 上月」。`,
  onlyOwnPoints: '您只能查看自己的积分。',
  unknownPerson: (mention: string) => `找不到「${mention}」，请用 @姓名 指定一个人。`,
  badPoints: (word: string, command: string) =>
    `「${word}」不对：分数要写成 1 到 1000 的整数，例如「${command} @张伟 5 ${command === '扣分' ? '未按规定穿戴劳保用品' : '帮忙调机'}」。`,
  adjusted: (name: string, points: number, reason: string) =>
    points > 0 ? `已给${name}加 ${points} 分：${reason}。` : `已给${name}扣 ${-points} 分：${reason}。`,
  adjustedNotice: (by: string, points: number, reason: string) =>
    points > 0
      ? `${by}给您加了 ${points} 分：${reason}。发送「积分」查看。`
      : `${by}扣了您 ${-points} 分：${reason}。如有疑问请找${by}。`,
};

const WEEKDAY_WORDS: Record<string, string> = {
  monday: '周一',
  tuesday: '周二',
  wednesday: '周三',
  thursday: '周四',
  friday: '周五',
  saturday: '周六',
  sunday: '周日',
};
