/**
 * What differs between MySQL/MariaDB and SQLite for the job store, in one place. Everything
 * else is SQL both understand. Times are stored in UTC: as `datetime(3)` text on MySQL (the
 * session time zone plays no part, we format the value ourselves) and, as MikroORM does on
 * SQLite, as milliseconds since the epoch.
 */
export interface SqlDialect {
  readonly kind: 'mysql' | 'sqlite';
  encodeDate(date: Date): string | number;
  decodeDate(value: unknown): Date | undefined;
  /** Selects a JSON column as its text: MySQL 8 would hand its native JSON type back parsed. */
  jsonText(column: string): string;
  /**
   * The JSON text of the value at `path` in the JSON document `document`, for comparing two
   * JSON values by type and content ("7" is not 7) with plain equality.
   */
  jsonAt(document: string, path: string): string;
  /** `left` equals `right`, NULL equal to NULL. */
  nullSafeEquals(left: string, right: string): string;
  /** The end of an `INSERT` that turns it into an update of the row holding `conflictColumn`. */
  upsert(conflictColumn: string, assignments: string): string;
  /** Appended to a `SELECT` inside a transaction so that concurrent writers queue behind it. */
  readonly lockingRead: string;
}

export const mysqlDialect: SqlDialect = {
  kind: 'mysql',
  encodeDate: (date) => date.toISOString().slice(0, 23).replace('T', ' '),
  decodeDate(value) {
    if (value === null || value === undefined) return undefined;
    if (value instanceof Date) return value;
    // MikroORM opens mysql2 with `dateStrings`, so DATETIME(3) arrives as `YYYY-MM-DD HH:mm:ss.SSS`.
    return new Date(`${String(value).replace(' ', 'T')}Z`);
  },
  jsonText: (column) => `cast(${column} as char)`,
  // As text: MariaDB compares two extracted JSON strings unequal even when they are the same.
  jsonAt: (document, path) => `cast(json_extract(${document}, ${path}) as char)`,
  nullSafeEquals: (left, right) => `${left} <=> ${right}`,
  // LAST_INSERT_ID(id) makes the statement report the id of the row it updated, the way
  // MySQL's manual describes for INSERT … ON DUPLICATE KEY UPDATE.
  upsert: (_conflictColumn, assignments) =>
    `on duplicate key update ${assignments}, \`id\` = last_insert_id(\`id\`)`,
  lockingRead: ' for update',
};

export const sqliteDialect: SqlDialect = {
  kind: 'sqlite',
  encodeDate: (date) => date.getTime(),
  decodeDate(value) {
    if (value === null || value === undefined) return undefined;
    if (value instanceof Date) return value;
    return new Date(typeof value === 'string' && !/^\d+$/.test(value) ? value : Number(value));
  },
  jsonText: (column) => column,
  // `->` (SQLite 3.38) yields JSON text; json_extract() would yield SQL values, making true equal 1.
  jsonAt: (document, path) => `(${document} -> ${path})`,
  nullSafeEquals: (left, right) => `${left} is ${right}`,
  upsert: (conflictColumn, assignments) => `on conflict (\`${conflictColumn}\`) do update set ${assignments}`,
  // SQLite has one writer at a time; the store's single connection already serialises it.
  lockingRead: '',
};
