/** `npm run wecom:menu`: installs the app menu (扫码报工, 我的任务, 帮助) on the configured WeCom app. */
import 'dotenv/config';
import { readSettings } from '../../config/env.js';
import { cliArgs, CliMistake, runCli } from '../../shared/cli.js';
import { systemClock } from '../../shared/clock.js';
import { createLogger } from '../../shared/logger.js';
import { WecomApiClient } from './api-client.js';
import { appMenuFor, installMenu } from './menu.js';
import { features } from '../../features.js';
import { wecomAppMessages as m } from './messages.js';

await runCli(async () => {
  cliArgs(m.menuUsage, {});
  const settings = readSettings();
  if (!settings.wecom) throw new CliMistake(m.wecomNotSet, 2);
  const menu = appMenuFor(features);
  const answer = await installMenu(
    new WecomApiClient(settings.wecom, systemClock, createLogger('warn')),
    menu,
  );
  if (answer.errcode !== 0) throw new CliMistake(m.wecomRefused(answer.errcode, answer.errmsg));
  console.log(m.menuInstalled(menu.button.map((b) => b.name)));
});
