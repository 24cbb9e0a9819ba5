/**
 * `npm run wecom:group -- create <team id>`: creates a WeCom group for a team's members with
 * the app, and prints the chat id to put in factory.yaml as the team's `wecomGroup`.
 * `npm run wecom:group -- show <chat id>` shows a group the app created.
 */
import 'dotenv/config';
import { readSettings } from '../../config/env.js';
import { loadFactoryConfig } from '../../config/factory-loader.js';
import { systemClock } from '../../shared/clock.js';
import { createLogger } from '../../shared/logger.js';
import { WecomApiClient } from './api-client.js';
import { createAppChat, getAppChat } from './appchat.js';

const [command, arg] = process.argv.slice(2);
const settings = readSettings();
if (!settings.wecom || !arg || !['create', 'show'].includes(command ?? '')) {
  console.error('Usage: npm run wecom:group -- create <team id> | show <chat id>   (WECOM_* must be set)');
  process.exit(2);
}
const client = new WecomApiClient(settings.wecom, systemClock, createLogger('warn'));
try {
  if (command === 'show') {
    console.log(JSON.stringify(await getAppChat(client, arg), null, 2));
  } else {
    const config = loadFactoryConfig(settings.factoryConfigPath).config;
    const team = config.teams.find((t) => t.id === arg);
    const members = config.people.filter((p) => p.team === arg && p.wecom).map((p) => p.wecom as string);
    const lead = config.people.find((p) => p.team === arg && p.roles.includes('team_lead') && p.wecom);
    if (!team || !lead?.wecom)
      throw new Error(`team "${arg}" needs a team lead with a WeCom id in factory.yaml`);
    const chatid = await createAppChat(client, { name: team.name, owner: lead.wecom, userlist: members });
    console.log(
      `Created the group "${team.name}". Add to factory.yaml under this team:  wecomGroup: ${chatid}`,
    );
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
