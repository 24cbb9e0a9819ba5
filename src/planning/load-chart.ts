import { chartPng } from '../shared/chart-png.js';
import { dayjs } from '../shared/time.js';
import type { LoadBy, LoadRow } from './load-view.js';
import { percentOf } from './load-view.js';
import { planningMessages as m } from './messages.js';

/** At most this many rows are drawn: the most loaded ones, so a 100-machine shop stays legible. */
const MAX_ROWS = 30;

/**
 * The load chart: machines (or teams) down, the 14 days across, each cell the day's demand as a
 * percentage of its shift capacity, green up to 85 %, amber to 100 %, red beyond.
 */
export async function loadChartPng(rows: LoadRow[], days: string[], by: LoadBy): Promise<Buffer | undefined> {
  if (rows.length === 0) return undefined;
  const peak = (r: LoadRow) => Math.max(...r.days.map(percentOf));
  const shown = [...rows]
    .sort((a, b) => peak(b) - peak(a) || a.label.localeCompare(b.label))
    .slice(0, MAX_ROWS)
    .sort((a, b) => b.label.localeCompare(a.label));
  const width = 900;
  const height = 120 + 26 * shown.length;
  const data = shown.flatMap((r, y) => r.days.map((d, x) => [x, y, percentOf(d)]));
  return chartPng(m.loadChartTitle(by, days[0]!, days.at(-1)!), width, height, {
    grid: { left: 160, right: 20, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: days.map((d) => dayjs(d).format('M/D')), splitArea: { show: true } },
    yAxis: { type: 'category', data: shown.map((r) => r.label), splitArea: { show: true } },
    visualMap: {
      type: 'piecewise',
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      pieces: [
        { lte: 85, color: '#a8d5a2', label: '≤85%' },
        { gt: 85, lte: 100, color: '#f5c26b', label: '85–100%' },
        { gt: 100, color: '#e0604f', label: '>100%' },
      ],
    },
    series: [{ type: 'heatmap', data, label: { show: true, fontSize: 11 } }],
  });
}
