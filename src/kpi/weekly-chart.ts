import { chartPng } from '../shared/chart-png.js';
import type { KpiFigures } from './kpi-service.js';
import { kpiMessages as m } from './messages.js';

const percentOf = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** The weekly message's picture: the three rates per week as lines, in percent, weeks without a figure left open. */
export async function weeklyTrendPng(history: KpiFigures[], title: string): Promise<Buffer | undefined> {
  if (history.length === 0) return undefined;
  const series = [
    { name: m.trendNames.onTimeDelivery, color: '#2f7ed8', value: (f: KpiFigures) => f.onTimeDelivery.rate },
    {
      name: m.trendNames.exceptionClosure,
      color: '#e67e22',
      value: (f: KpiFigures) => f.exceptionClosure.rate,
    },
    { name: m.trendNames.firstPassYield, color: '#27ae60', value: (f: KpiFigures) => f.firstPassYield.rate },
  ];
  return chartPng(title, 720, 360, {
    legend: { bottom: 0 },
    grid: { left: 50, right: 30, top: 50, bottom: 60 },
    xAxis: { type: 'category', data: history.map((f) => f.period.firstDay.slice(5)) },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    series: series.map((s) => ({
      name: s.name,
      type: 'line',
      connectNulls: false,
      data: history.map((f) => percentOf(s.value(f))),
      itemStyle: { color: s.color },
      lineStyle: { color: s.color, width: 3 },
      label: { show: true, formatter: '{c}%' },
    })),
  });
}
