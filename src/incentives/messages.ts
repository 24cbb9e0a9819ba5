import { formatDuration } from '../shared/display.js';
import { inZone } from '../shared/time.js';
import type { PointEntry } from './point-entry.entity.js';
import type { Period } from './periods.js';
import type { PointsSummary } from './ledger.js';
import type { TeamLeaderboard } from './leaderboard-service.js';
import type { ReportingRate } from './reporting-rate.js';
import type { ActiveRule } from './rules/active-rules.js';
import type { CompareOp, Condition, Operand } from './rules/expression.js';
import type { TriggerName } from './rules/triggers.js';
import type { Standings } from './standings.js';

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
const signed = (n: number) => (n > 0 ? `+${n}` : `${n}`);
const md = (day: string) => day.slice(5);
const span = (p: Period) => `${md(p.firstDay)}—${md(p.lastDay)}`;
const MEDALS = ['🥇', '🥈', '🥉'];
const placeOf = (i: number) => MEDALS[i] ?? `${i + 1}.`;

const TRIGGER_WORDS: Record<TriggerName, string> = {
  work_report: '每次报工',
  task_finished: '工序完工',
  shift_reported: '一个班次里做过的工序都在下班前报了工',
  repair_accepted: '维修验收',
  maintenance_done: '保养完成',
};

const FIELD_WORDS: Record<string, string> = {
  good: '合格数',
  scrap: '报废数',
  quantity: '数量',
  minutes: '工时（分钟）',
  minutesBeforeShiftEnd: '距下班的分钟数',
  shift: '班次',
  channel: '报工渠道',
  operation: '工序',
  sequence: '工序号',
  workOrder: '工单',
  item: '物料',
  plannedMinutes: '计划工时（分钟）',
  actualMinutes: '实际用时（分钟）',
  minutesBeforePlannedEnd: '比计划提前的分钟数',
  operations: '工序数',
  reports: '报工次数',
  limitMinutes: '维修时限（分钟）',
  repairMinutes: '维修用时（分钟）',
  minutesUnderLimit: '比时限提前的分钟数',
  minutesBeforeDue: '比到期提前的分钟数',
  equipment: '设备',
  plan: '保养计划',
};

const OPERATOR_WORDS: Record<CompareOp, string> = {
  '==': '=',
  '!=': '≠',
  '<': '<',
  '<=': '≤',
  '>': '>',
  '>=': '≥',
};

function operandText(o: Operand): string {
  if (o.kind === 'field') return FIELD_WORDS[o.name] ?? o.name;
  return typeof o.value === 'number' ? String(o.value) : `「${o.value}」`;
}

/** `good >= 50 and scrap == 0` as a worker reads it: 合格数 ≥ 50 且 报废数 = 0. */
export function conditionText(c: Condition): string {
  switch (c.kind) {
    case 'compare':
      return `${operandText(c.left)} ${OPERATOR_WORDS[c.op]} ${operandText(c.right)}`;
    case 'not':
      return `不满足（${conditionText(c.operand)}）`;
    case 'and':
    case 'or': {
      const side = (s: Condition) =>
        s.kind !== c.kind && (s.kind === 'and' || s.kind === 'or')
          ? `（${conditionText(s)}）`
          : conditionText(s);
      return `${side(c.left)} ${c.kind === 'and' ? '且' : '或'} ${side(c.right)}`;
    }
  }
}

function ruleLine(rule: ActiveRule, i: number): string {
  const when = rule.condition ? `，当${conditionText(rule.condition)} 时` : '';
  const points = rule.points > 0 ? `+${rule.points} 分` : `扣 ${-rule.points} 分`;
  const caps = [
    ...(rule.dailyCap === undefined ? [] : [`每天最多 ${rule.dailyCap} 分`]),
    ...(rule.weeklyCap === undefined ? [] : [`每周最多 ${rule.weeklyCap} 分`]),
  ];
  return `${i + 1}. ${rule.name}：${TRIGGER_WORDS[rule.trigger]}${when}，${points}${caps.length > 0 ? `（${caps.join('，')}）` : ''}`;
}

function entryWhy(entry: PointEntry, tz: string): string {
  const d = entry.details;
  const num = (key: string) => (typeof d[key] === 'number' ? d[key] : undefined);
  if (entry.source === 'manual') {
    return `${entry.points > 0 ? '主管加分' : '主管扣分'}：${entry.reason}（${String(d.by ?? entry.recordedBy ?? '')}）`;
  }
  const capped = d.cappedFrom === undefined ? '' : '，已到上限';
  switch (entry.eventKey?.split(':')[0]) {
    case 'work_report': {
      const scrap = num('scrap') ? `，报废 ${num('scrap')} 件` : '';
      return `${entry.reason}（${String(d.workOrder)} ${String(d.operation)} 合格 ${num('good') ?? 0} 件${scrap}${capped}）`;
    }
    case 'task_finished': {
      const ahead = num('minutesBeforePlannedEnd');
      const plan =
        ahead === undefined
          ? ''
          : ahead >= 0
            ? `，比计划提前 ${formatDuration(ahead)}`
            : `，比计划晚 ${formatDuration(-ahead)}`;
      return `${entry.reason}（${String(d.workOrder)} ${String(d.operation)} 完工${plan}${capped}）`;
    }
    case 'shift_reported':
      return `${entry.reason}（${inZone(entry.occurredAt, tz).format('MM-DD')} ${String(d.shift)}，${num('operations') ?? 0} 道工序${capped}）`;
    default:
      return `${entry.reason}${capped ? `（${capped.slice(1)}）` : ''}`;
  }
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
    board.top.forEach((p, i) => lines.push(`${placeOf(i)} ${p.name} ${p.points} 分`));
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
  reportReversed: (report: string, reason: string) => `报工 ${report} 已撤销或更正：${reason}`,
  chartTitle: (team: string, week: Period) => `${team} ${span(week)} 积分`,
  pointsHelp: '查看积分：本周、累计和最近的得分原因',
  boardHelp: '查看积分排行（本周、上周或本月）',
  rulesHelp: '查看怎样得积分',
  awardHelp: '给某人加分，写明原因',
  deductHelp: '给某人扣分，写明原因',

  points(name: string, summary: PointsSummary, tz: string): string {
    if (summary.recent.length === 0) {
      return `${name}还没有积分。按时报工就能得分，发送「规则」看看怎样得分。`;
    }
    const lines = [`${name}的积分：本周 ${summary.period} 分，累计 ${summary.total} 分。`, '最近记录：'];
    for (const entry of summary.recent) {
      const when = inZone(entry.occurredAt, tz).format('MM-DD HH:mm');
      lines.push(`· ${when} ${signed(entry.points)} ${entryWhy(entry, tz)}`);
    }
    return lines.join('\n');
  },

  board(s: Standings, label: string): string {
    const lines = [`积分排行 · ${label}（${span(s.period)}）`];
    if (s.people.length === 0) lines.push('这段时间还没有人得分。');
    else {
      lines.push('个人榜：');
      s.people.slice(0, 10).forEach((p, i) => lines.push(`${placeOf(i)} ${p.name} ${p.points} 分`));
    }
    if (s.teams.length > 0) {
      lines.push('班组榜（人均积分 · 报工率）：');
      s.teams.forEach((t, i) =>
        lines.push(`${i + 1}. ${t.name} 人均 ${t.perMember} 分 · 报工率 ${rateText(t.rate)}`),
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

  periodWords: { 本周: 'this', 这周: 'this', 上周: 'last', 本月: 'month', 这个月: 'month' } as Record<
    string,
    'this' | 'last' | 'month'
  >,
  periodLabels: { this: '本周', last: '上周', month: '本月' },
  badPeriod: (word: string) => `「${word}」看不懂。可以说「排行 本周」「排行 上周」或「排行 本月」。`,
  onlyOwnPoints: '您只能查看自己的积分。',
  unknownPerson: (mention: string) => `找不到「${mention}」，请用 @姓名 指定一个人。`,
  badPoints: (word: string) =>
    `「${word}」不对：分数要写成 1 到 1000 的整数，例如「加分 @张伟 5 帮忙调机」。`,
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
