/**
 * `npm run api-key -- create <name> --scopes outsourcing:write,equipment:write`  (prints the key once)
 * `npm run api-key -- list`
 * `npm run api-key -- revoke <prefix>`
 */
import 'dotenv/config';
import { readSettings } from '../../config/env.js';
import { resolveDatabaseTarget } from '../../db/database-target.js';
import { openOrm } from '../../db/orm.js';
import { apiScopesOf, withConfigured } from '../../capabilities/assembled.js';
import { loadFactory } from '../../config/load-factory.js';
import { entitiesFor } from '../../entities.js';
import { cliArgs, runCli, usageMistake } from '../../shared/cli.js';
import { ApiKey } from './api-key.entity.js';
import { checkScopes, createApiKey, revokeApiKey } from './api-keys.js';
import { apiKeyMessages as m } from './messages.js';

await runCli(async () => {
  const settings = readSettings();
  const { capabilities, config } = await loadFactory(settings.factoryConfigPath);
  const scopes = apiScopesOf(withConfigured(capabilities, config));
  const usage = m.usage(scopes);
  const { positionals, values } = cliArgs(usage, {
    allowPositionals: true,
    options: { scopes: { type: 'string' } },
  });
  const [command, arg] = positionals;
  const valid = command === 'list' || ((command === 'create' || command === 'revoke') && arg !== undefined);
  if (!valid) throw usageMistake(usage);
  const orm = await openOrm(await resolveDatabaseTarget(settings.databaseUrl), entitiesFor(capabilities));
  const em = orm.em.fork();
  try {
    if (command === 'create' && arg) {
      const asked = (values.scopes ?? '').split(',').filter(Boolean);
      checkScopes(asked, scopes);
      const key = await createApiKey(em, arg, asked, new Date());
      console.log(m.created(arg, key));
    } else if (command === 'revoke' && arg) {
      console.log((await revokeApiKey(em, arg, new Date())) === 1 ? m.revoked(arg) : m.noActiveKey(arg));
    } else {
      for (const k of await em.find(ApiKey, {}, { orderBy: { id: 'asc' } }))
        console.log(m.listLine(k.prefix, k.name, k.scopes, k.revokedAt !== null));
    }
  } finally {
    await orm.close();
  }
});
