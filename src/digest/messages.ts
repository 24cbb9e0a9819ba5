import { escapeMarkdownForAnyChannel } from '../chat/text/markdown-escape.js';
import { formatDuration } from '../shared/display.js';
import type { DailyFigures } from './daily-figures.js';
import type { DigestContributions, DigestSection } from './events.js';

const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
const hours = (minutes: number) => `${(minutes / 60).toFixed(1)} 小时`;
const KIND = { material: '缺料', equipment: '设备故障', quality: '质量问题', other: '其他' } as Record<
  string,
  string
>;

/** The span a digest covers, in factory-local wall-clock words, and whether it is still open. */
export interface DigestSpan {
  /** `MM-DD HH:mm` */
  from: string;
  to: string;
  /** Set while the production day is still running. */
  running?: { asOf: string; shift?: string };
}

function spanLine(span: DigestSpan): string {
  const covered = `统计时段：${span.from} 至 ${span.to}`;
  if (!span.running) return `${covered}。`;
  const still = span.running.shift ? `${span.running.shift}仍在进行，数字未完` : '生产日未结束，数字未完';
  return `${covered}，截至 ${span.running.asOf}（${still}）。`;
}

const operationOutput = (o: { sequence: number; name: string; good: number; scrap: number }) =>
  `${o.sequence} ${o.name} ${o.good} 件${o.scrap !== 0 ? `（报废 ${o.scrap}）` : ''}`;

/** Other capabilities' sections, after the built-in ones: the same shape as those. */
function sectionLines(sections: readonly DigestSection[]): string[] {
  return sections.flatMap((s) => ['', `**${s.title}**`, ...s.lines]);
}

/** The digest as a supervisor reads it: one message, most important first. */
export function digestMarkdown(
  f: DailyFigures,
  factoryName: string,
  span: DigestSpan,
  { sections, riskNotes }: DigestContributions = { sections: [], riskNotes: new Map() },
): { title: string; text: string } {
  const title = `${factoryName} · ${f.day} 生产日报`;
  const lines = [`### ${title}`, spanLine(span)];
  if (
    f.totals.reports === 0 &&
    f.atRisk.length === 0 &&
    f.openExceptions.length === 0 &&
    f.materials.length === 0
  ) {
    lines.push('没有报工、领料或异常记录。', ...sectionLines(sections));
    return { title, text: lines.join('\n') };
  }
  lines.push(
    `**报工 ${f.totals.reports} 次**：各工序合格 ${f.totals.good} 件，报废 ${f.totals.scrap} 件，报废率 ${pct(f.totals.scrapRate)}；末道工序完工 ${f.totals.finished} 件。`,
  );
  if (f.totals.corrections > 0) lines.push(`更正/撤销 ${f.totals.corrections} 条（数量已按更正后计）。`);
  if (f.totals.earlierCorrected > 0)
    lines.push(`另有 ${f.totals.earlierCorrected} 条更正/撤销针对更早日期的报工，已计入那一天。`);
  if (f.orders.length > 0) {
    lines.push('', '**工单进度**（各工序合格件数；完工 = 末道工序）');
    for (const o of f.orders) {
      lines.push(
        `- ${o.number} ${o.itemName}：${o.operations.map(operationOutput).join(' · ')}；完工 ${o.finished}，累计 ${o.finishedTotal}/${o.quantity}（${pct(o.progress)}）`,
      );
    }
  }
  if (f.materials.length > 0) {
    lines.push('', '**领料**');
    for (const m of f.materials) lines.push(`- ${m.itemName}（${m.itemCode}）：${m.quantity} ${m.unit}`);
  }
  if (f.equipment.length > 0) {
    lines.push('', '**设备**');
    for (const e of f.equipment) {
      lines.push(
        `- ${e.code} ${e.name}：运行 ${hours(e.runMinutes)}${e.downMinutes > 0 ? `，故障停机 ${hours(e.downMinutes)}` : ''}`,
      );
    }
  }
  if (f.atRisk.length > 0) {
    lines.push('', '**交期风险**');
    for (const o of f.atRisk) {
      lines.push(
        `- ${o.overdue ? '🔴 已逾期' : '🟡 临近交期'} ${o.number} ${o.itemName}，交期 ${o.dueDate}，完成 ${pct(o.progress)}${(riskNotes.get(o.number) ?? []).map((note) => `；${note}`).join('')}`,
      );
    }
  }
  if (f.openExceptions.length > 0) {
    lines.push('', '**未关闭异常**');
    for (const e of f.openExceptions) {
      lines.push(
        `- E${e.id} ${KIND[e.kind] ?? e.kind} ${e.number}：${escapeMarkdownForAnyChannel(e.reason)}（${openFor(e.ageHours)}）`,
      );
    }
  }
  lines.push(...sectionLines(sections));
  return { title, text: lines.join('\n') };
}

/** In place of the sections of a plugin that failed while the digest was written. */
export const pluginFailedSection = (plugin: string): DigestSection => ({
  title: '插件出错',
  lines: [`插件「${plugin}」的内容没能生成，已记录，请联系管理员。`],
});

export const digestMessages = {
  chartTitle: (day: string) => `${day} 各工单合格、完工与报废`,
  good: '合格（各工序）',
  finished: '完工（末道工序）',
  scrap: '报废',
  badDay: (text: string) => `「${text}」不是有效的日期，请写成 今天、昨天、2026-11-23 或 11-23。`,
  dayToCome: (day: string) => `${day} 还没到，没有日报。「日报 今天」看今天到此刻。`,
  oneDayOnly: (text: string) =>
    `日报一次看一天，「${text}」是几天。请写一个日期，如「日报 昨天」或「日报 11-23」。`,
};

/** How long an exception has been open, in whole hours: 已 23 小时, 已 2 天 2 小时; 不到 1 小时 when it is new. */
const openFor = (hours: number): string => (hours === 0 ? '不到 1 小时' : `已 ${formatDuration(hours * 60)}`);
