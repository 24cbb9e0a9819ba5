import { dayjs } from '../shared/time.js';
import type { Kitting, OrderKitting } from './kitting-service.js';

/** `12-03`, as dates read everywhere else in the bot (交期 12-03, 11-28 17:00). */
const monthDay = (day: string) => dayjs(day).format('MM-DD');
const percent = (r: number) => `${(r * 100).toFixed(1)}%`;
const figure = (n: number) => String(Math.round(n * 1000) / 1000);

/** One row of the load answer: a machine or a team with its worst day. */
export interface LoadRowText {
  label: string;
  overloadedDays: Array<{ day: string; percent: number; demand: number; capacity: number }>;
}

export interface RiskText {
  orderNumber: string;
  dueDay: string;
  finish: string;
  reason: string;
}

/** What planning says, in one place for review and translation. */
export const planningMessages = {
  overloaded: (machine: string, day: string, pct: number) => `${machine} 超负荷 ${monthDay(day)} ${pct}%`,
  queued: (machine: string, until: string) => `${machine} 排队到 ${monthDay(until)}`,
  /** Beside the projected finish, which every line that shows a reason also shows. */
  tooMuchWork: (hours: number) => `剩余约 ${hours} 小时工时`,
  notBeforeDue: '交期前做不完',
  pastDue: (days: number) => `已过交期 ${days} 天`,
  /** `back` is factory-local `YYYY-MM-DD HH:mm`. */
  down: (machine: string, what: string, back: string) =>
    `${machine} ${what}，预计 ${dayjs(back).format('MM-DD HH:mm')} 恢复`,
  downKind: { repair: '维修中', stopped: '停机', maintenance: '保养中' } as const,
  plannedDown: (reason: string | undefined) => (reason ? `计划停机（${reason}）` : '计划停机'),
  unfinished: '尚未完工',

  bomDuplicate: (code: string) => `物料清单里 ${code} 出现了两次，请合并为一行。`,
  bomSelf: (code: string) => `${code} 不能是自己的子件。`,
  bomUnknownComponent: (code: string) => `没有物料 ${code}，请先建物料再写物料清单。`,
  bomUnit: (code: string, unit: string, given: string) =>
    `${code} 的单位是「${unit}」，物料清单写的是「${given}」；批次按「${unit}」记，请换算后再写。`,

  loadHelp: '查看排产期（默认 14 天）内的设备负荷和交期风险（默认按设备），附负荷图',
  kittingHelp: '齐套检查：按交期看哪些工单物料已齐可开工、缺什么缺多少',
  byWords: { 设备: 'machine', 机台: 'machine', 班组: 'team' } as Record<string, 'machine' | 'team'>,
  badBy: (text: string) => `「${text}」看不懂，请写「负荷 设备」或「负荷 班组」。`,
  noTeam: '未分班组',
  loadChartTitle: (by: 'machine' | 'team', first: string, last: string) =>
    `${by === 'machine' ? '设备' : '班组'}负荷 ${monthDay(first)} 至 ${monthDay(last)}（%）`,

  load(by: 'machine' | 'team', days: string[], rows: LoadRowText[], risks: RiskText[]): string {
    const lines = [
      `未来 ${days.length} 天${by === 'machine' ? '设备' : '班组'}负荷（${monthDay(days[0]!)} 至 ${monthDay(days.at(-1)!)}）`,
    ];
    const over = rows.filter((r) => r.overloadedDays.length > 0);
    if (rows.length === 0) lines.push('没有设备或工作中心。');
    else if (over.length === 0)
      lines.push(`没有超负荷的${by === 'machine' ? '设备' : '班组'}（共 ${rows.length} 个）。`);
    else {
      lines.push(`超负荷（需求 > 班次产能）：`);
      for (const r of over)
        lines.push(
          `- ${r.label}：` +
            r.overloadedDays
              .map(
                (d) =>
                  `${monthDay(d.day)} ${d.capacity > 0 ? `${d.percent}%` : '无产能'}（${Math.round(d.demand)}/${Math.round(d.capacity)} 分钟）`,
              )
              .join('，'),
        );
    }
    if (risks.length === 0) lines.push('在制工单都能按交期完工。');
    else {
      lines.push(`交期风险 ${risks.length} 单：`);
      for (const r of risks)
        lines.push(`- ${r.orderNumber} 交期 ${monthDay(r.dueDay)}，预计 ${r.finish} 完工：${r.reason}`);
    }
    return lines.join('\n');
  },

  kitting(k: Kitting): string {
    if (k.orders.length === 0) return '没有计划或在制的工单。';
    const ready = k.orders.filter((o) => o.hasBom && o.shortages.length === 0);
    const short = k.orders.filter((o) => o.shortages.length > 0);
    const noBom = k.orders.filter((o) => !o.hasBom);
    const due = (o: OrderKitting) => `${o.orderNumber}（交期 ${monthDay(o.dueDate)}）`;
    const lines = [
      k.rate === null
        ? '齐套检查：工单的物料都没有物料清单，无法判断。'
        : `齐套率 ${percent(k.rate)}（${k.kitted}/${k.checked} 单），按交期先后占用库存`,
    ];
    if (ready.length > 0) lines.push(`✅ 可开工 ${ready.length} 单：${ready.map(due).join('、')}`);
    if (short.length > 0) {
      lines.push(`❌ 缺料 ${short.length} 单：`);
      for (const o of short)
        lines.push(
          `- ${due(o)}：` +
            o.shortages
              .map(
                (s) =>
                  `${s.componentName}（${s.component}）缺 ${figure(s.short)}${s.unit}（需 ${figure(s.required)}，可用 ${figure(s.available)}）`,
              )
              .join('；'),
        );
    }
    if (noBom.length > 0)
      lines.push(`⚪ 无物料清单 ${noBom.length} 单：${noBom.map((o) => o.orderNumber).join('、')}`);
    return lines.join('\n');
  },

  kittingKpi: (k: Kitting) =>
    k.rate === null ? '齐套率：暂无' : `齐套率：${percent(k.rate)}（${k.kitted}/${k.checked} 单）`,

  // Beside the digest's own 交期风险 (overdue or near due): late by the load while due further off.
  digestRiskTitle: '预计延期（按设备负荷）',
  digestRiskNote: (finish: string, reason: string) => `预计 ${finish} 完工（${reason}）`,
  digestRisk: (orderNumber: string, dueDay: string, finish: string, reason: string) =>
    `- ${orderNumber} 交期 ${monthDay(dueDay)}，预计 ${finish} 完工：${reason}`,
};
