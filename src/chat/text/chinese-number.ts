import { normalizeText } from './normalize.js';

/**
 * Quantities typed in chat: `50`, `1.2万`, `五十`, `一百二十`, `两千三` (2300, the spoken
 * short form), `三万五`, `十五`, `一千零五`. Returns undefined for anything else, so the
 * caller can say what it expected.
 */
const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 10_000, 萬: 10_000, 亿: 100_000_000 };
const NUMERAL_RUN = new RegExp(`[${[...Object.keys(DIGITS), ...Object.keys(UNITS), '万萬'].join('')}]+`, 'g');

/**
 * `五百小时 提前２４小时` → `500小时 提前24小时`: full-width digits folded and every run of
 * Chinese numerals written in digits, for the readers of amounts with units (周期, 天数).
 */
export function withArabicNumerals(text: string): string {
  return normalizeText(text).replace(NUMERAL_RUN, (run) => String(parseChineseNumeral(run) ?? run));
}

/** `-3`, `－3`, `负3`: a number below zero, which no quantity typed in chat may be. */
export function isNegativeNumber(token: string): boolean {
  const t = token.trim();
  const unsigned = t.replace(/^(?:[-−－]|负)\s*/, '');
  return unsigned !== t && parseQuantity(unsigned) !== undefined;
}

export function parseQuantity(token: string): number | undefined {
  const t = token.trim().replace(/[个件只pcs]+$/i, '');
  if (t === '') return undefined;
  const arabic = /^(\d+(?:\.\d+)?)([万萬千kK]?)$/.exec(t);
  if (arabic) {
    const factor = { 万: 10_000, 萬: 10_000, 千: 1000, k: 1000, K: 1000 }[arabic[2] as string] ?? 1;
    return roundSafe(Number(arabic[1]) * factor);
  }
  return parseChineseNumeral(t);
}

function parseChineseNumeral(t: string): number | undefined {
  if (![...t].every((c) => c in DIGITS || c in UNITS || c in BIG_UNITS)) return undefined;
  let total = 0;
  let section = 0; // the part below the current 万
  let digit: number | undefined;
  let lastUnit = 0; // the unit last applied inside this section, for 两千三 = 2300
  let sawZero = false;
  for (const c of t) {
    if (c in DIGITS) {
      if (digit !== undefined) return undefined; // two digits in a row: 一二 is not a number
      digit = DIGITS[c];
      if (digit === 0) {
        sawZero = true;
        digit = undefined;
      }
    } else if (c in UNITS) {
      const unit = UNITS[c] as number;
      section += (digit ?? (section === 0 && unit === 10 ? 1 : NaN)) * unit; // 十五 = 15
      if (Number.isNaN(section)) return undefined;
      digit = undefined;
      lastUnit = unit;
      sawZero = false;
    } else {
      const big = BIG_UNITS[c] as number;
      section = section + (digit ?? 0) || 1;
      total += section * big;
      section = 0;
      digit = undefined;
      lastUnit = big;
      sawZero = false;
    }
  }
  if (digit !== undefined) {
    // A trailing digit right after a unit is shorthand for the next unit down: 两千三 = 2300,
    // 三万五 = 35000. After 零 it is a plain digit: 一千零五 = 1005.
    section += !sawZero && lastUnit >= 100 ? digit * (lastUnit / 10) : digit;
  }
  return total + section;
}

function roundSafe(n: number): number {
  return Math.round(n * 1000) / 1000;
}
