import { standaloneUnit } from '../capabilities/standalone-unit.js';
/**
 * `npm run import -- items.xlsx`, `… routings.csv`, `… workorders.xlsx [--kind workorders] [--as chenjing]`,
 * `… rates.xlsx` (piece rates, 计件单价)
 * Prints one line per row (created, updated or refused and why). Nothing is written unless
 * every row is acceptable. Exit code 1 when something was refused.
 */
import 'dotenv/config';
import { Outbox } from '../chat/outbox/outbox.js';
import { RecipientRouter } from '../chat/outbox/recipient-router.js';
import { readSettings } from '../config/env.js';
import { loadFactory } from '../config/load-factory.js';
import { resolveDatabaseTarget } from '../db/database-target.js';
import { openOrm } from '../db/orm.js';
import { entitiesFor } from '../entities.js';
import { personById } from '../people/directory.js';
import { cliArgs, CliMistake, runCli, usageMistake } from '../shared/cli.js';
import { systemClock } from '../shared/clock.js';
import { guessKind, type TableKind } from './columns.js';
import { importRows } from './import-service.js';
import { importMessages as m } from './messages.js';
import { readTable } from './read-table.js';

await runCli(async () => {
  const { positionals, values } = cliArgs(m.usage, {
    allowPositionals: true,
    options: { kind: { type: 'string' }, as: { type: 'string' } },
  });
  const [path] = positionals;
  if (!path || positionals.length > 1) throw usageMistake(m.usage);
  const settings = readSettings();
  const { config, capabilities } = await loadFactory(settings.factoryConfigPath);
  const rows = await readTable(path);
  const kind = (values.kind as TableKind | undefined) ?? guessKind(path, rows);
  if (!kind || !['items', 'routings', 'boms', 'workorders', 'rates'].includes(kind))
    throw new CliMistake(m.unknownTable, 2);
  const orm = await openOrm(await resolveDatabaseTarget(settings.databaseUrl), entitiesFor(capabilities));
  try {
    const em = orm.em.fork();
    const person = (values.as ? await personById(em, values.as) : undefined) ?? {
      id: 'import',
      name: '导入',
      roles: ['planner' as const],
      teamId: undefined,
    };
    // An import announces nothing: the outbox it gets reaches no channel.
    const deps = standaloneUnit(em, {
      clock: systemClock,
      outbox: new Outbox(new RecipientRouter([]), systemClock),
      config,
      tz: settings.factoryTz,
      capabilities,
    });
    const report = await importRows(
      deps,
      { person, channel: 'import', inboundEventId: null, at: systemClock.now() },
      kind,
      rows,
    );
    for (const row of report.rows)
      console.log(`第 ${row.line} 行  ${row.result === 'refused' ? '✗' : '✓'} ${row.message}`);
    const count = (r: string) => report.rows.filter((row) => row.result === r).length;
    console.log(m.summary(count('created'), count('updated'), count('refused')));
    if (!report.committed) process.exitCode = 1;
  } finally {
    await orm.close();
  }
});
