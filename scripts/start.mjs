// `npm start`: bundle the server when the sources are newer than the last build, then run it.
// `--build-only` (run by `npm ci` through `prepare`) bundles ahead, so the first start is quick.
// package.json starts this with `exec`: npm forwards SIGTERM to its child, and a shell left in
// between would take the signal and die alone, leaving the server orphaned on its port. The
// server runs in this very process (the import at the end), so the signal reaches it.
//
// Why a bundle: Node resolves, reads and compiles each of the ~600 source modules separately,
// a third of the time to ready. One file (plus a chunk per lazily imported part) loads in a
// fraction of that. The same holds for the packages every start loads: knex alone requires
// some 250 lodash files, and Node parses each CommonJS file a second time to find the names an
// ESM import takes from it. So they are bundled too, except those listed in `external`.
// Types are not checked here: `npm run typecheck` (and CI) does that.
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const outdir = join(root, 'dist/server');
const stamp = join(outdir, '.build-stamp');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

/**
 * Packages loaded from node_modules as they are. Every `@mikro-orm/*` package is bundled: a second
 * copy of the ORM loaded beside the bundled one would not know its entities.
 */
const external = [
  // Native addons, and packages that open files of their own at run time (worker scripts, fonts).
  ...['libsql', '@libsql/*', '@resvg/resvg-js', 'pino', 'pino-*', 'thread-stream', 'pdfkit', 'exceljs'],
  // Loaded only by a channel, a dialect or a feature in use; bundled, they would be read at every start.
  ...['mysql2', 'mariadb', 'iconv-lite', 'echarts', 'qrcode', 'jsqr', 'dingtalk-stream', 'mqtt', 'ws'],
  ...['@wecom/*', 'axios', 'csv-parse', 'csv-stringify', 'fast-xml-parser', 'esprima', 'luxon', 'mime-db'],
  // Drivers knex can load, none of them installed here.
  ...['pg', 'pg-query-stream', 'oracledb', 'tedious', 'sqlite3', 'better-sqlite3', 'mysql'],
];

// The lock files too: the bundle holds packages, and an install that changes one must rebuild it.
const sources = [
  ...['src', 'migrations', 'cards', 'tsconfig.json', 'package.json', 'scripts/start.mjs'],
  ...['package-lock.json', 'node_modules/.package-lock.json'],
];
const newestSource = Math.max(...sources.map((s) => newestMtime(join(root, s))));
if (!existsSync(stamp) || statSync(stamp).mtimeMs < newestSource) {
  console.log('Building (sources changed since the last build)…');
  const { build } = await import('esbuild');
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: { main: join(root, 'src/main.ts') },
    outdir,
    bundle: true,
    // Lazy imports (a channel, the other dialect's migrations, the chart) stay lazy: own chunks.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    // Bundled CommonJS code calls `require` for Node's own modules and for the packages above.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    // Entities and errors are known by their class names; bundling must not rename a clash.
    keepNames: true,
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  writeFileSync(stamp, new Date().toISOString());
}
if (!process.argv.includes('--build-only')) await import(join(outdir, 'main.js'));
