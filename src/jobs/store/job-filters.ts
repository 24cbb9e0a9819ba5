import type { JobsQueryOptions, RemoveJobsOptions } from 'agenda';
import { encodeField, jobFields, jobIdParam, type StoredField } from './job-row.js';
import type { SqlDialect } from './sql-dialect.js';
import { placeholders, SqlWhere } from './sql-where.js';

/**
 * The jobs that `removeJobs`, `disableJobs` and `enableJobs` act on. As in Agenda's official
 * backends `id` wins over `ids`, and `name` over `names` over `notNames`; options that name
 * nothing select nothing, so an empty filter never empties the table.
 */
export function selectionWhere(dialect: SqlDialect, options: RemoveJobsOptions): SqlWhere {
  const where = new SqlWhere();
  addIdFilter(where, options.id, options.ids);
  if (options.name) where.add('`name` = ?', options.name);
  else if (options.names?.length)
    where.add(`\`name\` in (${placeholders(options.names.length)})`, ...options.names);
  else if (options.notNames?.length) {
    where.add(`\`name\` not in (${placeholders(options.notNames.length)})`, ...options.notNames);
  }
  if (options.data !== undefined) addDataContains(where, dialect, options.data);
  return where;
}

/** The filters of `queryJobs`, except `state`, which the caller adds (it needs the clock). */
export function queryWhere(dialect: SqlDialect, options: JobsQueryOptions): SqlWhere {
  const where = new SqlWhere();
  if (options.name) where.add('`name` = ?', options.name);
  else if (options.names?.length)
    where.add(`\`name\` in (${placeholders(options.names.length)})`, ...options.names);
  addIdFilter(where, options.id, options.ids);
  if (options.search) {
    // A substring of the name, whatever the case, as the official backends match it.
    where.add(
      "lower(`name`) like ? escape '!'",
      `%${options.search.toLowerCase().replace(/[!%_]/g, '!$&')}%`,
    );
  }
  if (options.data !== undefined) addDataContains(where, dialect, options.data);
  if (options.includeDisabled === false) where.add('`disabled` = 0');
  return where;
}

/**
 * The existing job a `unique()` save must update instead of inserting: `data.<path>` keys
 * compare inside the data, other keys compare job fields, as Agenda's Mongo backend reads
 * the same object as a query.
 */
export function uniqueWhere(dialect: SqlDialect, name: string, unique: Record<string, unknown>): SqlWhere {
  const where = new SqlWhere().add('`name` = ?', name);
  for (const [key, value] of Object.entries(unique)) {
    if (key === 'data' || key.startsWith('data.')) {
      addJsonEquals(where, dialect, key === 'data' ? [] : key.slice('data.'.length).split('.'), value);
    } else if (isStoredField(key)) {
      where.add(
        dialect.nullSafeEquals(`\`${jobFields[key].column}\``, '?'),
        encodeField(dialect, key, value),
      );
    } else {
      throw new Error(`unique(): "${key}" is not a job field; use "data.<path>" for the job's data`);
    }
  }
  return where;
}

function addIdFilter(where: SqlWhere, id: unknown, ids: readonly unknown[] | undefined): void {
  if (id) {
    const param = jobIdParam(id);
    if (param === undefined) where.addNothing();
    else where.add('`id` = ?', param);
  } else if (ids?.length) {
    const params = ids.map(jobIdParam).filter((param) => param !== undefined);
    if (params.length === 0) where.addNothing();
    else where.add(`\`id\` in (${placeholders(params.length)})`, ...params);
  }
}

/**
 * Data that contains `expected`: every leaf of an expected object must be present with the
 * same JSON value (PostgreSQL's `@>` for objects); any other value must equal the data.
 */
function addDataContains(where: SqlWhere, dialect: SqlDialect, expected: unknown): void {
  for (const leaf of jsonLeaves(expected, [])) addJsonEquals(where, dialect, leaf.path, leaf.value);
}

/** Both sides are read the same way, so a value compares with its JSON type on every dialect. */
function addJsonEquals(where: SqlWhere, dialect: SqlDialect, path: string[], value: unknown): void {
  const json = JSON.stringify(value);
  if (json === undefined)
    throw new Error(`cannot match job data at "${path.join('.')}" against ${String(value)}`);
  where.add(
    dialect.nullSafeEquals(dialect.jsonAt('`data`', '?'), dialect.jsonAt('?', "'$'")),
    jsonPath(path),
    json,
  );
}

function jsonLeaves(value: unknown, path: string[]): Array<{ path: string[]; value: unknown }> {
  if (!isPlainObject(value)) return [{ path, value }];
  return Object.entries(value)
    .filter(([, child]) => child !== undefined)
    .flatMap(([key, child]) => jsonLeaves(child, [...path, key]));
}

function jsonPath(path: string[]): string {
  return `$${path.map((key) => `."${key.replace(/["\\]/g, '\\$&')}"`).join('')}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function isStoredField(key: string): key is StoredField {
  return Object.hasOwn(jobFields, key);
}
