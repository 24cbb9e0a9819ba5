import type { ReadinessCheck } from '../http/health-routes.js';
import { migrationStatus } from './migrations.js';
import type { Orm } from './orm.js';

export function databaseReadiness(orm: Orm): ReadinessCheck[] {
  return [
    {
      name: 'database',
      async check() {
        await orm.em.getConnection().execute('select 1');
        return { ok: true };
      },
    },
    {
      name: 'migrations',
      async check() {
        const { pending } = await migrationStatus(orm);
        return pending.length === 0
          ? { ok: true }
          : { ok: false, reason: `pending migrations: ${pending.join(', ')}` };
      },
    },
  ];
}
