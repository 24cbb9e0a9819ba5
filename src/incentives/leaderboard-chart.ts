import { chartPng } from '../shared/chart-png.js';
import type { TeamLeaderboard } from './leaderboard-service.js';
import { incentiveMessages as m } from './messages.js';

const MAX_BARS = 10;

/**
 * The board as a picture for the group: the team's scorers as horizontal bars, best on top.
 * Nothing to draw when nobody scored.
 */
export async function leaderboardChartPng(board: TeamLeaderboard): Promise<Buffer | undefined> {
  const bars = board.scorers.slice(0, MAX_BARS).reverse();
  if (bars.length === 0) return undefined;
  const width = 640;
  const height = 120 + bars.length * 36;
  return chartPng(m.chartTitle(board.teamName, board.week), width, height, {
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
}
