/**
 * A second process writing to the embedded file as `npm run chat` does: the app without its
 * background work or long connections, one person sending `完工 <order> 1` REPORTS times in a
 * row through the chat engine. Prints one JSON line: how many were stored, what failed, and
 * when the reports began and ended (ms epoch).
 * Env: DATABASE_URL, REPORTER (person id), ORDER (work-order number), REPORTS.
 */
import { createApp } from '../../../src/app.js';
import { ConsoleSession } from '../../../src/channels/console/console-session.js';
import { readSettings } from '../../../src/config/env.js';
import { loadFactoryConfig } from '../../../src/config/factory-loader.js';
import { features } from '../../../src/features.js';
import { systemClock } from '../../../src/shared/clock.js';
import { createLogger } from '../../../src/shared/logger.js';

const settings = readSettings({ ...process.env, CONSOLE_CHANNEL: 'true' });
const app = await createApp(
  {
    settings,
    factory: loadFactoryConfig(settings.factoryConfigPath).config,
    clock: systemClock,
    logger: createLogger('warn'),
  },
  { features, background: false, connect: false },
);
const session = new ConsoleSession(app.chat.engine, systemClock, process.env.REPORTER ?? '');
const failures: string[] = [];
let stored = 0;
const startedAt = Date.now();
for (let i = 0; i < Number(process.env.REPORTS); i++) {
  try {
    const [reply] = await session.say(`完工 ${process.env.ORDER} 1`);
    if (reply?.kind === 'text' && reply.text.startsWith('已报工')) stored += 1;
    else failures.push(JSON.stringify(reply));
  } catch (error) {
    failures.push(String(error));
  }
}
const finishedAt = Date.now();
await app.close();
console.log(JSON.stringify({ stored, failures, startedAt, finishedAt }));
