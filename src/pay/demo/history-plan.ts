import { between } from '../../shared/seeded-random.js';

/**
 * One operation of a demo product line in the month of history: its team's worker, or two of
 * them sharing it as the team's task, on the machine named (none where the demo shop has too
 * few machines of the kind to give each worker one).
 */
export interface HistoryStation {
  sequence: number;
  team: string;
  workers: readonly string[];
  equipment: string | null;
}

export interface HistoryLine {
  item: string;
  stations: readonly HistoryStation[];
}

/**
 * Who made what in the demo's month before its own week: every demo worker at one operation,
 * every operation after the first fed by the one before it. 定位销 is left out: its team rate
 * is the demo's team split story, told by WO-DEMO-005.
 */
export const historyLines: readonly HistoryLine[] = [
  {
    item: 'SHF-200',
    stations: [
      { sequence: 10, team: 'cnc', workers: ['zhangwei'], equipment: 'CNC-01' },
      { sequence: 20, team: 'cnc', workers: ['liuyang'], equipment: 'CNC-02' },
      { sequence: 30, team: 'finishing', workers: ['linfeng'], equipment: 'GRIND-01' },
    ],
  },
  {
    item: 'FLG-300',
    stations: [
      { sequence: 10, team: 'cnc', workers: ['yangfan', 'huangtao'], equipment: null },
      { sequence: 20, team: 'finishing', workers: ['heping'], equipment: 'DRILL-01' },
    ],
  },
  {
    item: 'BRK-100',
    stations: [
      { sequence: 10, team: 'stamping', workers: ['wujun'], equipment: 'PRESS-01' },
      { sequence: 20, team: 'stamping', workers: ['xuqiang', 'maling'], equipment: 'PRESS-02' },
      { sequence: 30, team: 'finishing', workers: ['guolin'], equipment: null },
    ],
  },
  {
    item: 'PLT-400',
    stations: [
      { sequence: 10, team: 'stamping', workers: ['sunhao'], equipment: null },
      { sequence: 20, team: 'finishing', workers: ['hujie'], equipment: null },
    ],
  },
];

/** A shift's report of the history: `day` counts from the seeding day, `hhmm` is factory time. */
export interface PlannedReport {
  day: number;
  hhmm: string;
  sequence: number;
  personId: string;
  good: number;
  scrap: number;
}

/** Eight hours at the bench: what a shift's worker can make is this over the standard minutes. */
const SHIFT_MINUTES = 480;

/**
 * A week's batch of one line, a report per worker and working day: the line runs at its slowest
 * operation's pace, the first operation at 80–95 % of it, the later ones a little faster but
 * never past what the one before has handed on, and the last day finishes what is left (its workers
 * share it), so the batch ends complete. Scrap is mostly none, a few pieces now and then.
 */
export function planBatch(
  line: HistoryLine,
  standardMinutes: ReadonlyMap<number, number>,
  days: readonly number[],
  random: () => number,
): PlannedReport[] {
  const capacity = (s: HistoryStation) =>
    (s.workers.length * SHIFT_MINUTES) / (standardMinutes.get(s.sequence) ?? 1);
  const pace = Math.min(...line.stations.map(capacity));
  const good = line.stations.map(() => 0);
  const handled = line.stations.map(() => 0);
  const reports: PlannedReport[] = [];
  days.forEach((day, i) => {
    const lastDay = i === days.length - 1;
    line.stations.forEach((station, k) => {
      station.workers.forEach((personId, w) => {
        const share = pace / station.workers.length;
        const available = k === 0 ? Infinity : (good[k - 1] ?? 0) - (handled[k] ?? 0);
        const aimed = Math.round(share * (k === 0 ? between(random, 0.8, 0.95) : between(random, 0.88, 1)));
        // The last day's rest is shared by those still to report, so nobody makes two shifts' worth.
        const rest = Math.ceil(available / (station.workers.length - w));
        const pieces = lastDay && k > 0 ? rest : Math.min(available, aimed);
        if (pieces <= 0) return;
        const scrap = Math.floor(pieces * between(random, 0, 0.03) * random());
        good[k] = (good[k] ?? 0) + pieces - scrap;
        handled[k] = (handled[k] ?? 0) + pieces;
        const minute = 30 + 10 * k + 4 * w + Math.floor(random() * 4);
        reports.push({
          day,
          hhmm: `16:${minute}`,
          sequence: station.sequence,
          personId,
          good: pieces - scrap,
          scrap,
        });
      });
    });
  });
  return reports;
}
