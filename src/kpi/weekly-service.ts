import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/core';
import type { OutboundContent } from '../chat/outbound.js';
import type { FactoryConfig } from '../config/factory-config.js';
import { peopleWithRole } from '../people/directory.js';
import type { Services } from '../services.js';
import { withKittingRate } from './kitting-rate.js';
import { weekFigures, type KpiFigures } from './kpi-service.js';
import { kpiMessages as m } from './messages.js';

/** Weeks the weekly message's trend chart spans, the reported week included. */
export const TREND_WEEKS = 8;

export interface WeeklyKpiDeps {
  em: EntityManager;
  config: FactoryConfig;
  tz: string;
  now: Date;
}

/**
 * The KPIs of the week that holds `day` and the `weeks − 1` weeks before it, oldest first,
 * each read at `deps.now` from the records' own timestamps like `KPI 本周`.
 */
export async function weeklyKpis(
  deps: WeeklyKpiDeps,
  weeks = TREND_WEEKS,
  day: Date = deps.now,
): Promise<KpiFigures[]> {
  const history: KpiFigures[] = [];
  for (let back = weeks - 1; back >= 0; back--)
    history.push(await weekFigures(deps, new Date(day.getTime() - back * 7 * 86_400_000)));
  return history;
}

/** The message for the last whole week before `now`: its KPIs in text, and the trend as a chart. */
export async function weeklyKpiContents(
  deps: WeeklyKpiDeps,
): Promise<{ week: KpiFigures; contents: OutboundContent[] }> {
  const lastWeek = new Date(deps.now.getTime() - 7 * 86_400_000);
  const history = await weeklyKpis(deps, TREND_WEEKS, lastWeek);
  const week = history.at(-1)!;
  // The week's figures as `KPI 上周` answers them, with the kitting rate of the morning it is sent.
  const summary = await withKittingRate(deps.em, m.summary(week, deps.config.kpi.baselines));
  const markdown = m.weekly(deps.config.factory.name, week, history, summary);
  const contents: OutboundContent[] = [{ kind: 'markdown', ...markdown }];
  // The chart library is loaded only when a weekly message is written.
  const { weeklyTrendPng } = await import('./weekly-chart.js');
  const png = await weeklyTrendPng(history, markdown.title);
  if (png) contents.push({ kind: 'image', title: markdown.title, png: png.toString('base64') });
  return { week, contents };
}

/**
 * Puts last week's KPI message into the outbox for every manager, once per week: each copy
 * has a dedupe key, so a second run (or a second server) writes nothing and gets false.
 */
export async function sendWeeklyKpis(deps: WeeklyKpiDeps & Pick<Services, 'outbox'>): Promise<boolean> {
  const { week, contents } = await weeklyKpiContents(deps);
  try {
    await deps.em.transactional(async (tx) => {
      for (const manager of await peopleWithRole(tx, 'manager')) {
        for (const [i, content] of contents.entries()) {
          await deps.outbox.enqueue(tx, { kind: 'person', personId: manager.id }, content, {
            dedupeKey: `kpi:weekly:${week.period.firstDay}:person:${manager.id}:${i}`,
          });
        }
      }
    });
    return true;
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) return false;
    throw error;
  }
}
