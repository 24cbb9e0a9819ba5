import { createHash } from 'node:crypto';
import type { Orm } from '../../src/db/orm.js';

/**
 * A fingerprint of every entity table's rows, to prove that a refused request changed nothing.
 * `except` names tables a refusal may legitimately touch (the inbound record of a chat refusal,
 * a key's last use).
 */
export async function tableSnapshot(
  orm: Orm,
  except: readonly string[] = [],
): Promise<Record<string, string>> {
  const tables = [
    ...new Set(
      Object.values(orm.getMetadata().getAll())
        .filter((meta) => !meta.embeddable && !meta.virtual && meta.tableName)
        .map((meta) => meta.tableName),
    ),
  ]
    .filter((table) => !except.includes(table))
    .sort();
  const connection = orm.em.fork().getConnection();
  const snapshot: Record<string, string> = {};
  for (const table of tables) {
    const rows: Array<Record<string, unknown>> = await connection.execute(`select * from ${table}`);
    const lines = rows.map((row) => JSON.stringify(row)).sort();
    snapshot[table] =
      `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return snapshot;
}
