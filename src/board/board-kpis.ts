import type { EntityManager } from '@mikro-orm/core';
import type { FactoryConfig } from '../config/factory-config.js';
import { inZone } from '../shared/time.js';
import { weekFigures, type KpiFigures } from '../kpi/kpi-service.js';

/** How many weeks a sparkline spans, this one included. */
export const KPI_WEEKS = 8;

export type KpiKey =
  'exceptionClosure' | 'onTimeDelivery' | 'firstPassYield' | 'exceptionResponse' | 'repairAccept';

/** One KPI with its weekly history, oldest week first; null where a week had nothing to measure. */
export interface BoardKpi {
  key: KpiKey;
  unit: 'rate' | 'hours';
  /** Whether a rising line is good news (a rate) or bad (a waiting time). */
  higherIsBetter: boolean;
  weeks: Array<number | null>;
  baseline: number | undefined;
}

const KEYS: ReadonlyArray<{ key: KpiKey; unit: BoardKpi['unit']; value(f: KpiFigures): number | null }> = [
  { key: 'onTimeDelivery', unit: 'rate', value: (f) => f.onTimeDelivery.rate },
  { key: 'exceptionClosure', unit: 'rate', value: (f) => f.exceptionClosure.rate },
  { key: 'firstPassYield', unit: 'rate', value: (f) => f.firstPassYield.rate },
  { key: 'exceptionResponse', unit: 'hours', value: (f) => f.exceptionResponse.hours },
  { key: 'repairAccept', unit: 'hours', value: (f) => f.repairAccept.hours },
];

const BASELINE: Record<KpiKey, keyof FactoryConfig['kpi']['baselines']> = {
  onTimeDelivery: 'onTimeDelivery',
  exceptionClosure: 'exceptionClosure',
  firstPassYield: 'firstPassYield',
  exceptionResponse: 'exceptionResponseHours',
  repairAccept: 'repairAcceptHours',
};

/**
 * Past weeks do not change once over (a correction of an old report is rare and the weekly
 * message recomputes anyway), so the board reads them once every ten minutes per database
 * and only the running week on every refresh.
 */
const PAST_WEEKS_TTL_MS = 10 * 60_000;
const pastWeeks = new Map<string, { at: number; figures: KpiFigures }>();

export interface KpiHistoryDeps {
  em: EntityManager;
  config: FactoryConfig;
  tz: string;
  now: Date;
}

/** The week's KPIs and the weeks before it, oldest first: `weeks` figures in all. */
export async function weeklyKpiHistory(deps: KpiHistoryDeps, weeks = KPI_WEEKS): Promise<KpiFigures[]> {
  const database = String(deps.em.config.get('clientUrl') ?? deps.em.config.get('dbName'));
  const history: KpiFigures[] = [];
  for (let back = weeks - 1; back >= 0; back--) {
    const now = new Date(deps.now.getTime() - back * 7 * 86_400_000);
    if (back === 0) {
      history.push(await weekFigures(deps, now));
      continue;
    }
    const key = `${database}|${deps.tz}|${mondayOf(now, deps.tz)}`;
    const cached = pastWeeks.get(key);
    if (cached && deps.now.getTime() - cached.at >= 0 && deps.now.getTime() - cached.at < PAST_WEEKS_TTL_MS) {
      history.push(cached.figures);
      continue;
    }
    const figures = await weekFigures(deps, now);
    for (const [old, entry] of pastWeeks)
      if (deps.now.getTime() - entry.at >= PAST_WEEKS_TTL_MS) pastWeeks.delete(old);
    pastWeeks.set(key, { at: deps.now.getTime(), figures });
    history.push(figures);
  }
  return history;
}

function mondayOf(at: Date, tz: string): string {
  const day = inZone(at, tz).startOf('day');
  return day.subtract((day.day() + 6) % 7, 'day').format('YYYY-MM-DD');
}

/** The board's KPI panel: each figure's last weeks, for a number and a sparkline. */
export async function boardKpis(deps: KpiHistoryDeps): Promise<BoardKpi[]> {
  const history = await weeklyKpiHistory(deps);
  return KEYS.map(({ key, unit, value }) => ({
    key,
    unit,
    higherIsBetter: unit === 'rate',
    weeks: history.map(value),
    baseline: deps.config.kpi.baselines[BASELINE[key]],
  }));
}
