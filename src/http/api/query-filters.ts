import { ValidationError } from '../../shared/errors.js';

/** A `?name=` filter that must be one of `allowed`; a 400 naming them otherwise. */
export function enumFilter<T extends string>(
  name: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined;
  throw new ValidationError(`Unknown ${name} "${value}".`, {
    errors: [`query.${name}: one of ${allowed.join(', ')}`],
  });
}

/** A `?name=` ISO 8601 date-time filter (with its time: a bare date is ambiguous across zones). */
export function instantFilter(name: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const at = new Date(value);
  if (/^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(at.getTime())) return at;
  throw new ValidationError(`${name} must be an ISO 8601 date-time.`, {
    errors: [`query.${name}: must be a date-time`],
  });
}

/** `{ $gte: from, $lt: to }` for a half-open span of instants, or nothing when neither end is given. */
export function spanFilter(
  from: Date | undefined,
  to: Date | undefined,
): { $gte?: Date; $lt?: Date } | undefined {
  if (from === undefined && to === undefined) return undefined;
  return { ...(from === undefined ? {} : { $gte: from }), ...(to === undefined ? {} : { $lt: to }) };
}
