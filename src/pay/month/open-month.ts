import type { EntityManager } from '@mikro-orm/core';
import { dayjs } from '../../shared/time.js';
import { PayMonth } from './pay-month.entity.js';

export function nextMonth(month: string): string {
  return dayjs(`${month}-01`).add(1, 'month').format('YYYY-MM');
}

/** Where an earning counting on `day` lands: its own month while open, else the next open one. */
export async function landingOf(
  em: EntityManager,
  day: string,
  today: string,
): Promise<{ day: string; month: string; late: boolean }> {
  const own = day.slice(0, 7);
  const closed = new Set(
    (await em.find(PayMonth, { month: { $gte: own } }, { fields: ['month'] })).map((m) => m.month),
  );
  if (!closed.has(own)) return { day, month: own, late: false };
  let month = nextMonth(own);
  while (closed.has(month)) month = nextMonth(month);
  // A late correction counts on the day it is made when that falls in the landing month.
  return { day: today.slice(0, 7) === month ? today : `${month}-01`, month, late: true };
}
