import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { TeamLeaderboard } from './leaderboard-service.js';
import { incentiveMessages as m } from './messages.js';

const MAX_BARS = 10;

/**
 * The board as a picture for the group: the team's scorers as horizontal bars, best on top,
 * drawn like the digest's chart (ECharts' SVG renderer, rasterised by resvg; Chinese names
 * need a CJK font such as fonts-wqy-microhei). Nothing to draw when nobody scored.
 */
export function leaderboardChartPng(board: TeamLeaderboard): Buffer | undefined {
  const bars = board.scorers.slice(0, MAX_BARS).reverse();
  if (bars.length === 0) return undefined;
  const width = 640;
  const height = 120 + bars.length * 36;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      title: { text: m.chartTitle(board.teamName, board.week), left: 'center', textStyle: { fontSize: 16 } },
      grid: { left: 90, right: 60, top: 60, bottom: 30 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: bars.map((p) => p.name) },
      series: [
        {
          name: m.pointsUnit,
          type: 'bar',
          data: bars.map((p) => p.points),
          label: { show: true, position: 'right' },
          itemStyle: { color: '#e6a23c' },
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
