/**
 * `npm run chat -- --as zhangwei [--group <chat id>]`: talk to the bot from a terminal as a
 * person of the factory. Lines come from standard input, so it can be scripted:
 *   printf "帮助\n" | npm run chat -- --as zhangwei
 * Every card shown gets a number; `#3.1` or `#3 完工` taps a button of card 3, a bare number a
 * button of the last card. Pushes addressed to this person — made here, by the server or by
 * another console — print here; those made while no console of theirs was open wait in the
 * outbox and print when one opens. Pictures (the digest's chart) are saved as PNG files under
 * data/charts and their path printed. This process runs no job scheduler and delivers nothing
 * but its own person's console pushes: reminders and platform messages are the server's.
 */
import 'dotenv/config';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createApp } from '../../app.js';
import { OutboxDispatcher } from '../../chat/outbox/dispatcher.js';
import { logLevelOr, readSettings } from '../../config/env.js';
import { loadFactory } from '../../config/load-factory.js';
import { personByMention } from '../../people/directory.js';
import { cliArgs, CliMistake, runCli } from '../../shared/cli.js';
import { systemClock } from '../../shared/clock.js';
import { createLogger } from '../../shared/logger.js';
import { imageFiles } from './image-files.js';
import { renderAsText } from './render-text.js';
import { ConsoleSession } from './console-session.js';
import { consoleMessages as m } from './messages.js';

await runCli(async () => {
  const { values } = cliArgs(m.usage, { options: { as: { type: 'string' }, group: { type: 'string' } } });
  if (!values.as) throw new CliMistake(m.missingPerson, 2);
  const settings = { ...readSettings(), consoleChannel: true };
  const logger = createLogger(logLevelOr('warn'), { fallbackFile: settings.logFile });
  const factory = await loadFactory(settings.factoryConfigPath);
  const app = await createApp(
    { settings, factory: factory.config, clock: systemClock, logger },
    { capabilities: factory.capabilities, background: false, connect: false },
  );
  try {
    const person = await personByMention(app.orm.em.fork(), values.as);
    const consoleChannel = app.console;
    if (!person || !consoleChannel) throw new CliMistake(m.unknownPerson(values.as));
    const conversation = values.group
      ? { kind: 'group' as const, chatId: values.group }
      : { kind: 'direct' as const };
    const session = new ConsoleSession(app.chat.engine, systemClock, person.id, conversation);
    const images = imageFiles(resolve('data', 'charts'));
    const print = (content: Parameters<typeof renderAsText>[0]) =>
      renderAsText(content, { cardNumber: session.number(content), images });
    const closeSession = consoleChannel.openSession(person.id, (content) =>
      console.log(`\n${m.pushed} ${print(content)}\n`),
    );
    // Only this person's console pushes: everything else is the server's to deliver.
    const inbox = new OutboxDispatcher({
      orm: app.orm,
      clock: systemClock,
      logger,
      outbox: app.chat.outbox,
      channels: new Map([['console', consoleChannel]]),
    });
    inbox.start(500);
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
        for (const reply of await session.say(line)) console.log(print(reply));
      }
      if (interactive) lines.prompt();
    }
    // Show the pushes the last line caused to this person before leaving.
    await inbox.stop();
    await inbox.drainOnce();
    closeSession();
  } finally {
    await app.close();
  }
});
