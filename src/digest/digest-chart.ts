import { chartPng } from '../shared/chart-png.js';
import type { DailyFigures } from './daily-figures.js';
import { digestMessages as m } from './messages.js';

/**
 * The digest's picture: finished and scrapped pieces per work order.
 */
export function digestChartPng(figures: DailyFigures): Buffer | undefined {
  if (figures.orders.length === 0) return undefined;
  const width = 720;
  const height = 360;
  return chartPng(m.chartTitle(figures.day), width, height, {
    legend: { bottom: 0 },
    grid: { left: 50, right: 20, top: 50, bottom: 60 },
    xAxis: {
      type: 'category',
      data: figures.orders.map((o) => o.number),
      axisLabel: { interval: 0, rotate: 20 },
    },
    yAxis: { type: 'value' },
    series: [
      {
        name: m.finished,
        type: 'bar',
        stack: 'pieces',
        data: figures.orders.map((o) => o.finished),
        itemStyle: { color: '#3b8f5a' },
      },
      {
        name: m.scrap,
        type: 'bar',
        stack: 'pieces',
        data: figures.orders.map((o) => o.scrap),
        itemStyle: { color: '#c0392b' },
      },
    ],
  });
}
