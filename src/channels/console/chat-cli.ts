/**
 * `npm run chat -- --as zhangwei [--group <chat id>]`: talk to the bot from a terminal as a
 * person of the factory. Lines come from standard input, so it can be scripted:
 *   printf "帮助\n" | npm run chat -- --as zhangwei
 * Cards print with numbered buttons; typing the number taps it. Pushes addressed to this
 * person (reminders, dispatches) print as this process delivers them.
 */
import 'dotenv/config';
import { createInterface } from 'node:readline';
import { createApp } from '../../app.js';
import { readSettings } from '../../config/env.js';
import { loadFactoryConfig } from '../../config/factory-loader.js';
import { personByMention } from '../../people/directory.js';
import { cliArgs, CliMistake, runCli } from '../../shared/cli.js';
import { systemClock } from '../../shared/clock.js';
import { createLogger } from '../../shared/logger.js';
import { features } from '../../features.js';
import { renderAsText } from './render-text.js';
import { ConsoleSession } from './console-session.js';
import { consoleMessages as m } from './messages.js';

await runCli(async () => {
  const { values } = cliArgs(m.usage, { options: { as: { type: 'string' }, group: { type: 'string' } } });
  if (!values.as) throw new CliMistake(m.missingPerson, 2);
  const settings = { ...readSettings(), consoleChannel: true };
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  // Scheduled jobs are the server's work; a terminal session only delivers its own messages.
  const app = await createApp(
    { settings, factory: loadFactoryConfig(settings.factoryConfigPath).config, clock: systemClock, logger },
    { features, background: false },
  );
  try {
    const person = await personByMention(app.orm.em.fork(), values.as);
    if (!person) throw new CliMistake(m.unknownPerson(values.as));
    app.chat.dispatcher.start();
    app.console?.onDelivery((delivery) => {
      if (delivery.recipientKey === person.id) console.log(`\n📨 ${renderAsText(delivery.content)}\n`);
    });
    const conversation = values.group
      ? { kind: 'group' as const, chatId: values.group }
      : { kind: 'direct' as const };
    const session = new ConsoleSession(app.chat.engine, systemClock, person.id, conversation);
    const interactive = process.stdin.isTTY;
    if (interactive) console.log(m.connected(person.name, person.roles));

    const lines = createInterface({
      input: process.stdin,
      terminal: interactive,
      prompt: `${person.name}> `,
    });
    if (interactive) lines.prompt();
    for await (const line of lines) {
      if (line.trim() !== '') {
        if (!interactive) console.log(`${person.name}> ${line}`);
        for (const reply of await session.say(line)) console.log(renderAsText(reply));
      }
      if (interactive) lines.prompt();
    }
    // Let pushes caused by the last line go out before leaving.
    await app.chat.dispatcher.drainOnce();
  } finally {
    await app.close();
  }
});
