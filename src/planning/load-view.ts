import type { FactoryConfig } from '../config/factory-config.js';
import { inZone } from '../shared/time.js';
import type { CapacityLoad, LoadDay } from './load-service.js';
import { planningMessages as m, type RiskText } from './messages.js';

export type LoadBy = 'machine' | 'team';

/** One row of the chart and the answer: a machine, or a team's machines added up. */
export interface LoadRow {
  label: string;
  days: LoadDay[];
}

/** The load per machine, or summed per team (machines without a team under 未分班组). */
export function loadRows(load: CapacityLoad, by: LoadBy, config: FactoryConfig): LoadRow[] {
  if (by === 'machine')
    return load.resources.map((r) => ({
      label: r.code === r.name ? r.code : `${r.code} ${r.name}`,
      days: r.days,
    }));
  const teams = new Map<string, LoadRow>();
  for (const r of load.resources) {
    const label = config.teams.find((t) => t.id === r.teamId)?.name ?? m.noTeam;
    const row = teams.get(label) ?? {
      label,
      days: load.days.map((day) => ({ day, capacity: 0, demand: 0 })),
    };
    r.days.forEach((d, i) => {
      row.days[i]!.capacity += d.capacity;
      row.days[i]!.demand += d.demand;
    });
    teams.set(label, row);
  }
  return [...teams.values()].sort((a, b) => a.label.localeCompare(b.label));
}

/** Demand as a percentage of capacity; work on a day with no capacity (a machine down) reads 999. */
export const percentOf = (d: LoadDay) =>
  d.capacity > 0 ? Math.round((d.demand / d.capacity) * 100) : d.demand > 0 ? 999 : 0;

export function riskTexts(load: CapacityLoad, tz: string): RiskText[] {
  return load.orders.flatMap((o) =>
    o.reason === null
      ? []
      : [
          {
            orderNumber: o.orderNumber,
            dueDay: inZone(o.dueAt, tz).format('YYYY-MM-DD'),
            finish: inZone(o.projectedFinishAt, tz).format('MM-DD HH:mm'),
            reason: o.reason,
          },
        ],
  );
}

export function loadText(load: CapacityLoad, rows: LoadRow[], by: LoadBy, tz: string): string {
  return m.load(
    by,
    load.days,
    rows.map((r) => ({
      label: r.label,
      overloadedDays: r.days
        .filter((d) => d.demand > d.capacity)
        .map((d) => ({ day: d.day, percent: percentOf(d), demand: d.demand, capacity: d.capacity })),
    })),
    riskTexts(load, tz),
  );
}
