/**
 * `npm run wecom:group -- create <team id>`: creates a WeCom group for a team's members with
 * the app, and prints the chat id to put in factory.yaml as the team's `wecomGroup`.
 * `npm run wecom:group -- show <chat id>` shows a group the app created.
 */
import 'dotenv/config';
import { readSettings } from '../../config/env.js';
import { loadFactory } from '../../config/load-factory.js';
import { cliArgs, CliMistake, runCli, usageMistake } from '../../shared/cli.js';
import { systemClock } from '../../shared/clock.js';
import { createLogger } from '../../shared/logger.js';
import { WecomApiClient, WecomApiError } from './api-client.js';
import { createAppChat, getAppChat } from './appchat.js';
import { wecomAppMessages as m } from './messages.js';

await runCli(() =>
  groupTool().catch((error: unknown) => {
    // WeCom refusing (no such user, no permission) is a setup mistake, not a bug.
    if (error instanceof WecomApiError)
      throw new CliMistake(m.wecomRefused(error.answer.errcode, error.answer.errmsg));
    throw error;
  }),
);

async function groupTool(): Promise<void> {
  const { positionals } = cliArgs(m.groupUsage, { allowPositionals: true });
  const [command, arg] = positionals;
  if (!arg || positionals.length > 2 || !['create', 'show'].includes(command ?? ''))
    throw usageMistake(m.groupUsage);
  const settings = readSettings();
  if (!settings.wecom) throw new CliMistake(m.wecomNotSet, 2);
  const client = new WecomApiClient(settings.wecom, systemClock, createLogger('warn'));
  if (command === 'show') {
    console.log(JSON.stringify(await getAppChat(client, arg), null, 2));
    return;
  }
  const { config } = await loadFactory(settings.factoryConfigPath);
  const team = config.teams.find((t) => t.id === arg);
  const members = config.people.filter((p) => p.team === arg && p.wecom).map((p) => p.wecom as string);
  const lead = config.people.find((p) => p.team === arg && p.roles.includes('team_lead') && p.wecom);
  if (!team || !lead?.wecom) throw new CliMistake(m.teamNeedsLead(arg));
  const chatid = await createAppChat(client, { name: team.name, owner: lead.wecom, userlist: members });
  console.log(m.groupCreated(team.name, chatid));
}
