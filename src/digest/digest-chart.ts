import { chartPng, type ChartRenderer } from '../shared/chart-png.js';
import type { DailyFigures } from './daily-figures.js';
import { digestMessages as m } from './messages.js';

/**
 * Bars carry their numbers up to this many orders. Past it the numbers crowd each other out (the
 * digest's text has them all), and resvg shapes each one: on a 100-order day the labels were
 * half the time the digest took to build.
 */
const MAX_LABELLED_ORDERS = 20;

/**
 * The digest's picture, matching its headline: per work order, the good pieces over all
 * operations, the finished pieces (last operation) and the scrap, side by side.
 */
export async function digestChart<T>(
  figures: DailyFigures,
  render: ChartRenderer<T>,
): Promise<T | undefined> {
  if (figures.orders.length === 0) return undefined;
  const width = 720;
  const height = 360;
  const series = [
    { name: m.good, color: '#5b8fd9', value: (o: DailyFigures['orders'][number]) => o.good },
    { name: m.finished, color: '#3b8f5a', value: (o: DailyFigures['orders'][number]) => o.finished },
    { name: m.scrap, color: '#c0392b', value: (o: DailyFigures['orders'][number]) => o.scrap },
  ];
  return render(m.chartTitle(figures.day), width, height, {
    legend: { bottom: 0 },
    // A busy day has a hundred orders: labels that would print over each other are left out,
    // which keeps the picture legible and saves resvg drawing them.
    labelLayout: { hideOverlap: true },
    grid: { left: 50, right: 20, top: 50, bottom: 70 },
    xAxis: {
      type: 'category',
      data: figures.orders.map((o) => o.number),
      axisLabel: { rotate: 20 },
    },
    // Headroom above the tallest bar, so that its number does not sit on the top grid line.
    yAxis: { type: 'value', boundaryGap: [0, '10%'] },
    series: series.map((s) => ({
      name: s.name,
      type: 'bar',
      data: figures.orders.map(s.value),
      itemStyle: { color: s.color },
      label: { show: figures.orders.length <= MAX_LABELLED_ORDERS, position: 'top' },
    })),
  });
}

export const digestChartPng = (figures: DailyFigures) => digestChart(figures, chartPng);
