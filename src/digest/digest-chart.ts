import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { DailyFigures } from './daily-figures.js';
import { digestMessages as m } from './messages.js';

/**
 * The digest's picture: finished and scrapped pieces per work order, drawn with ECharts'
 * server-side SVG renderer and rasterised by resvg (no native canvas to compile). Chinese
 * labels need a CJK font on the machine (Debian: fonts-wqy-microhei).
 */
export function digestChartPng(figures: DailyFigures): Buffer | undefined {
  if (figures.orders.length === 0) return undefined;
  const width = 720;
  const height = 360;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      title: { text: m.chartTitle(figures.day), left: 'center', textStyle: { fontSize: 16 } },
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
    const svg = chart.renderToSVGString();
    return Buffer.from(
      new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'WenQuanYi Micro Hei' } })
        .render()
        .asPng(),
    );
  } finally {
    chart.dispose();
  }
}
