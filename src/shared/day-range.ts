import { addDays } from './production-day.js';
import { dayjs } from './time.js';

/** Production days from `from` to `to`, both included, as YYYY-MM-DD. */
export interface DayRange {
  from: string;
  to: string;
}

export type DayRangeProblem =
  { kind: 'unreadable' } | { kind: 'reversed'; from: string; to: string } | { kind: 'future'; from: string };

const SEPARATOR = /\s*(?:~|～|至|到)\s*/;

/**
 * One production date from `2026-11-30`, `2026/11/30`, `2026.11.30`, or without the year
 * `11月30日` or `11-30` (as 交期 is written): of this year's and last year's, the one nearer
 * today, so that in early January 12-28 is last December's (tomorrow stays tomorrow, and is
 * refused as a day not yet come).
 */
function oneDate(text: string, today: string): string | undefined {
  const full = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (full) return existing(Number(full[1]), Number(full[2]), Number(full[3]));
  const short = /^(\d{1,2})月(\d{1,2})[日号]?$/.exec(text) ?? /^(\d{1,2})[-/](\d{1,2})$/.exec(text);
  if (!short) return undefined;
  const year = Number(today.slice(0, 4));
  const readings = [year, year - 1].flatMap((y) => existing(y, Number(short[1]), Number(short[2])) ?? []);
  const away = (date: string) => Math.abs(dayjs(date).diff(dayjs(today), 'day'));
  return readings.sort((a, b) => away(a) - away(b))[0];
}

function existing(year: number, month: number, day: number): string | undefined {
  const date = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  // dayjs rolls 2月30日 over to March: a date that does not round-trip does not exist.
  return dayjs(date).format('YYYY-MM-DD') === date ? date : undefined;
}

/** A word for a span of production days, relative to `today`. */
function namedRange(word: string, today: string): DayRange | undefined {
  const monday = (date: string) => addDays(date, -((dayjs(date).day() + 6) % 7));
  const monthStart = (date: string) => `${date.slice(0, 7)}-01`;
  const day = (offset: number) => ({ from: addDays(today, offset), to: addDays(today, offset) });
  switch (word) {
    case '今天':
      return day(0);
    case '昨天':
      return day(-1);
    case '前天':
      return day(-2);
    // Read so as to be refused as days to come, not as words nobody understood.
    case '明天':
      return day(1);
    case '后天':
      return day(2);
    case '本周':
      return { from: monday(today), to: today };
    case '上周':
      return { from: addDays(monday(today), -7), to: addDays(monday(today), -1) };
    case '本月':
      return { from: monthStart(today), to: today };
    case '上月': {
      const lastOfPrevious = addDays(monthStart(today), -1);
      return { from: monthStart(lastOfPrevious), to: lastOfPrevious };
    }
    default:
      return undefined;
  }
}

/**
 * The production days a person named when looking back: a word (昨天, 上月…), one date, or two
 * dates joined by `~`, `至` or `到`. Refused rather than guessed: a range that runs backwards,
 * or one that starts after today.
 */
export function parseDayRange(
  text: string,
  today: string,
): { range: DayRange } | { problem: DayRangeProblem } {
  const trimmed = text.trim();
  const parts = trimmed.split(SEPARATOR);
  let range: DayRange | undefined;
  if (parts.length === 1) {
    const date = oneDate(trimmed, today);
    range = date ? { from: date, to: date } : namedRange(trimmed, today);
  } else if (parts.length === 2) {
    const [from, to] = parts.map((p) => oneDate(p, today));
    if (from && to) range = { from, to };
  }
  if (!range) return { problem: { kind: 'unreadable' } };
  if (range.from > range.to) return { problem: { kind: 'reversed', ...range } };
  if (range.from > today) return { problem: { kind: 'future', from: range.from } };
  return { range };
}
