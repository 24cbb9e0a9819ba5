import type { FactoryConfig } from '../config/factory-config.js';
import { addDays, productionDateOf, productionDay, productionInterval } from '../shared/production-day.js';
import { shiftAt, shiftsStartingIn } from '../shared/shifts.js';
import { dayjs, inZone } from '../shared/time.js';
import type { FormPeriod } from './config.js';

/** One shift, production day or week a scheduled form is due in, and its key in the stored rows. */
export interface Period {
  key: string;
  start: Date;
  end: Date;
}

type Calendar = Pick<FactoryConfig, 'shifts' | 'productionDay'>;

/** The Monday (production date) of the week a production date is in. */
function mondayOf(date: string): string {
  const weekday = dayjs(date).day(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** The period of `kind` that `at` falls in; a shift form filled between shifts counts for none. */
export function periodAt(kind: FormPeriod, at: Date, config: Calendar, tz: string): Period | undefined {
  const day = productionDay(config, tz);
  if (kind === 'shift') {
    const shift = shiftAt(at, config.shifts, tz);
    if (!shift) return undefined;
    return { key: `${inZone(shift.start, tz).format('YYYY-MM-DD')} ${shift.name}`, ...shift };
  }
  const date = productionDateOf(at, day);
  if (kind === 'day') return { key: date, ...productionInterval(date, day) };
  const monday = mondayOf(date);
  return {
    key: `${monday}周`,
    start: productionInterval(monday, day).start,
    end: productionInterval(addDays(monday, 7), day).start,
  };
}

/** Every period of `kind` that starts in [from, to), in order. */
export function periodsStartingIn(
  kind: FormPeriod,
  from: Date,
  to: Date,
  config: Calendar,
  tz: string,
): Period[] {
  if (kind === 'shift')
    return shiftsStartingIn(from, to, config.shifts, tz).map((s) => ({
      key: `${inZone(s.start, tz).format('YYYY-MM-DD')} ${s.name}`,
      ...s,
    }));
  const day = productionDay(config, tz);
  const found: Period[] = [];
  let date = addDays(productionDateOf(from, day), -7);
  const last = productionDateOf(to, day);
  while (date <= last) {
    const period = periodAt(kind, productionInterval(date, day).start, config, tz);
    if (period && period.start >= from && period.start < to && !found.some((p) => p.key === period.key))
      found.push(period);
    date = addDays(date, 1);
  }
  return found;
}
