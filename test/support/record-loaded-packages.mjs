// `node --import <this file>`: appends the URL of every module the process resolves to the file
// named by LOADED_MODULES_FILE, so a test can tell which packages a server loaded. The file is
// loaded twice: on the main thread it registers itself, on the hooks thread it is the hook.
import { appendFileSync } from 'node:fs';
import { register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(process.env.LOADED_MODULES_FILE, `${resolved.url}\n`);
  return resolved;
}

if (isMainThread) register(import.meta.url);
