// `npm start`: compile when the sources are newer than the last build, then run the server.
// `--build-only` (run by `npm ci` through `prepare`) compiles ahead, so the first start is quick.
// package.json starts this with `exec`: npm forwards SIGTERM to its child, and a shell left in
// between would take the signal and die alone, leaving the server orphaned on its port. The
// server runs in this very process (the import at the end), so the signal reaches it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const stamp = join(root, 'dist/.build-stamp');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

const sources = ['src', 'migrations', 'cards', 'tsconfig.json', 'tsconfig.build.json', 'package.json'];
const newestSource = Math.max(...sources.map((s) => newestMtime(join(root, s))));
if (!existsSync(stamp) || statSync(stamp).mtimeMs < newestSource) {
  console.log('Building (sources changed since the last build)…');
  const tsc = spawnSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')],
    {
      stdio: 'inherit',
    },
  );
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  writeFileSync(stamp, new Date().toISOString());
}
if (!process.argv.includes('--build-only')) await import(join(root, 'dist/src/main.js'));
