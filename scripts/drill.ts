/**
 * `npm run drill`: the fault drills of issue 16 against a MariaDB the drill starts itself,
 * and one table of what held. Exits 1 when anything was lost, duplicated or crashed.
 * `npm run drill -- <name>…` runs only the drills named (their function names).
 */
import { spawnSync } from 'node:child_process';
import { appKilledMidSend } from './drill/drills/app-killed-mid-send.js';
import { inboundReplays } from './drill/drills/inbound-replays.js';
import { concurrentNumbering } from './drill/drills/numbering.js';
import { databaseFrozenThenKilled, databaseKilledUnderLoad } from './drill/drills/database-outages.js';
import { ThrowawayMariadb } from './drill/mariadb.js';
import { failed, table, type DrillResult } from './drill/tally.js';

const DRILL_DB_PORT = Number(process.env.DRILL_DB_PORT ?? 3407);

const drills: Record<string, (db: ThrowawayMariadb) => Promise<DrillResult | DrillResult[]>> = {
  inboundReplays,
  concurrentNumbering,
  databaseFrozenThenKilled,
  appKilledMidSend,
  databaseKilledUnderLoad,
};

const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in drills));
if (unknown.length > 0) {
  console.error(`unknown drill(s): ${unknown.join(', ')}; known: ${Object.keys(drills).join(', ')}`);
  process.exit(2);
}

const build = spawnSync(process.execPath, ['scripts/start.mjs', '--build-only'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const db = new ThrowawayMariadb(DRILL_DB_PORT);
const results: DrillResult[] = [];
const began = Date.now();
try {
  await db.install();
  for (const [name, run] of Object.entries(drills)) {
    if (chosen.length > 0 && !chosen.includes(name)) continue;
    const started = Date.now();
    console.log(`drill ${name}…`);
    results.push(...[await run(db).catch((error: unknown) => abandoned(name, error))].flat());
    console.log(`drill ${name} took ${Math.round((Date.now() - started) / 1000)} s`);
  }
} finally {
  await db.destroy();
}
console.log(`\n${table(results)}\n\nall drills: ${Math.round((Date.now() - began) / 1000)} s`);
process.exitCode = results.some(failed) ? 1 : 0;

/** A drill that could not finish counts as a failure, with its reason, and the others still run. */
function abandoned(drill: string, error: unknown): DrillResult {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    drill,
    tried: 0,
    held: 0,
    lost: 0,
    duplicated: 0,
    crashes: 1,
    notes: [`abandoned: ${reason.slice(0, 300)}`],
  };
}
