import type { KpiBaselines } from './config.js';
import type { KpiPeriodKind } from './kpi-period.js';
import type { KpiFigures, LeadTime, Rate, ResponseTime } from './kpi-service.js';

const hours = (h: number) => `${h.toFixed(1)} 小时`;
const percent = (r: number) => `${(r * 100).toFixed(1)}%`;

function time(name: string, t: ResponseTime, baseline: number | undefined): string {
  if (t.hours === null) return `${name}：暂无`;
  const compared =
    baseline === undefined || t.improvement === null
      ? ''
      : `，基线 ${hours(baseline)}，${t.improvement >= 0 ? '缩短' : '延长'} ${percent(Math.abs(t.improvement))}`;
  return `${name}：中位 ${hours(t.hours)}（${t.count} 次${compared}）`;
}

function leadTime(name: string, t: LeadTime, baseline: number | undefined): string {
  if (t.days === null) return `${name}：暂无`;
  const compared =
    baseline === undefined || t.improvement === null
      ? ''
      : `，基线 ${baseline.toFixed(1)} 天，${t.improvement >= 0 ? '缩短' : '延长'} ${percent(Math.abs(t.improvement))}`;
  return `${name}：中位 ${t.days.toFixed(1)} 天（${t.count} 批${compared}）`;
}

const orDash = (r: number | null) => (r === null ? '—' : percent(r));
const hoursOrNone = (h: number | null) => (h === null ? '暂无' : hours(h));

/** One machine's line: OEE and its three factors, then MTTR and MTBF. */
function machineLine(m: KpiFigures['machines'][number]): string {
  const u = m.uptime;
  const factors = `可用 ${orDash(u.availability)} × 性能 ${orDash(u.performance)} × 合格 ${orDash(m.firstPassYield.rate)}`;
  return `- ${m.equipment}：OEE ${orDash(u.oee)}（${factors}），MTTR ${hoursOrNone(u.mttrHours)}，MTBF ${hoursOrNone(u.mtbfHours)}`;
}

function rate(name: string, r: Rate, unit: string, baseline: number | undefined): string {
  if (r.rate === null) return `${name}：暂无`;
  const compared = baseline === undefined ? '' : `，基线 ${percent(baseline)}`;
  return `${name}：${percent(r.rate)}（${r.part}/${r.whole} ${unit}${compared}）`;
}

/** What KPI says, in one place for review and translation. */
export const kpiMessages = {
  kpiHelp: '查看关键指标：响应时间、异常关闭率、准时交付率、一次合格率（默认本周）',
  periodWords: { 本周: 'this_week', 上周: 'last_week', 本月: 'this_month', 上月: 'last_month' } as Record<
    string,
    KpiPeriodKind
  >,
  badPeriod: (text: string) => `「${text}」不是统计周期，请写 本周、上周、本月 或 上月。`,

  summary(f: KpiFigures, b: KpiBaselines): string {
    const lines = [
      `KPI ${f.period.firstDay} 至 ${f.period.lastDay}`,
      time('异常响应', f.exceptionResponse, b.exceptionResponseHours),
      time('异常关闭', f.exceptionClose, b.exceptionCloseHours),
      rate('异常按时关闭率', f.exceptionClosure, '条', b.exceptionClosure),
      time('报修接单', f.repairAccept, b.repairAcceptHours),
      time('报修到验收', f.repairArchive, b.repairArchiveHours),
      rate('准时交付率', f.onTimeDelivery, '单', b.onTimeDelivery),
      rate('一次合格率', f.firstPassYield, '件', b.firstPassYield),
      rate('报工率', f.reportingRate, '道工序', undefined),
      leadTime('外发回厂周期', f.outsourcingReturn, b.outsourcingReturnDays),
    ];
    // Only where the factory approves scrap in chat: a line of 暂无 would say nothing to the others.
    if (f.scrapApproval.count > 0) lines.push(time('报废审批', f.scrapApproval, b.scrapApprovalHours));
    // A form with nothing due in the period (added this week, due weekly) says nothing either.
    for (const form of f.formCompletion)
      if (form.whole > 0) lines.push(rate(`表单完成率·${form.form}`, form, '次', undefined));
    const machines = f.machines.filter((m) => m.uptime.availability !== null);
    if (machines.length > 0) lines.push('设备：', ...machines.map(machineLine));
    if (f.late.length > 0) {
      lines.push('延期工单：');
      for (const o of f.late)
        lines.push(`- ${o.number} 交期 ${o.dueDate}，${o.completedOn} 完工，晚 ${o.daysLate} 天`);
    }
    return lines.join('\n');
  },

  // — the weekly message to the managers —
  trendNames: {
    onTimeDelivery: '准时交付率',
    exceptionClosure: '异常按时关闭率',
    firstPassYield: '一次合格率',
  },
  /** `summary`: the week's figures as `KPI` words them (`summary` above, plus what other capabilities add). */
  weekly(factoryName: string, week: KpiFigures, history: KpiFigures[], summary: string) {
    const trend = (name: string, rates: Array<number | null>) =>
      `${name}：${rates.map((r) => (r === null ? '—' : percent(r))).join(' → ')}`;
    const title = `${factoryName} · 周 KPI ${week.period.firstDay} 至 ${week.period.lastDay}`;
    const lines = [
      summary,
      '',
      `近 ${history.length} 周趋势（${history[0]?.period.firstDay ?? ''} 起）：`,
      trend(
        kpiMessages.trendNames.onTimeDelivery,
        history.map((f) => f.onTimeDelivery.rate),
      ),
      trend(
        kpiMessages.trendNames.exceptionClosure,
        history.map((f) => f.exceptionClosure.rate),
      ),
      trend(
        kpiMessages.trendNames.firstPassYield,
        history.map((f) => f.firstPassYield.rate),
      ),
    ];
    return { title, text: lines.join('\n') };
  },
};
