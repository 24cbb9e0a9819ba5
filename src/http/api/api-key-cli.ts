/**
 * `npm run api-key -- create <name> --scopes masterdata:write,equipment:write`  (prints the key once)
 * `npm run api-key -- list`
 * `npm run api-key -- revoke <prefix>`
 */
import 'dotenv/config';
import { parseArgs } from 'node:util';
import { readSettings } from '../../config/env.js';
import { resolveDatabaseTarget } from '../../db/database-target.js';
import { openOrm } from '../../db/orm.js';
import { entities } from '../../entities.js';
import { ApiKey } from './api-key.entity.js';
import { API_SCOPES, createApiKey, revokeApiKey } from './api-keys.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { scopes: { type: 'string' } },
});
const [command, arg] = positionals;
const orm = await openOrm(await resolveDatabaseTarget(readSettings().databaseUrl), entities);
const em = orm.em.fork();
try {
  if (command === 'create' && arg) {
    const key = await createApiKey(em, arg, (values.scopes ?? '').split(',').filter(Boolean), new Date());
    console.log(`API key for "${arg}" (shown only now, store it safely):\n${key}`);
  } else if (command === 'list') {
    for (const k of await em.find(ApiKey, {}, { orderBy: { id: 'asc' } })) {
      console.log(`${k.prefix}…  ${k.name}  [${k.scopes.join(', ')}]${k.revokedAt ? '  (revoked)' : ''}`);
    }
  } else if (command === 'revoke' && arg) {
    console.log(
      (await revokeApiKey(em, arg, new Date())) === 1
        ? `Revoked ${arg}.`
        : `No active key starts with ${arg}.`,
    );
  } else {
    console.error(
      `Usage: api-key create <name> --scopes <scope,…> | list | revoke <prefix>\nScopes: ${API_SCOPES.join(', ')}`,
    );
    process.exitCode = 2;
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await orm.close();
}
