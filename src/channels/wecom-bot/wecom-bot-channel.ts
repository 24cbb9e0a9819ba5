import type { WecomBotSettings } from '../../config/env.js';
import type { ChannelContext, ChannelModule } from '../channel-module.js';
import { WecomBotAdapter } from './bot-adapter.js';
import { BotReceiver } from './bot-receiver.js';

/** How long a configured bot may take to connect before /readyz reports the server not ready. */
const CONNECT_GRACE_MS = 30_000;

/** The WeCom intelligent bot: group @-commands and cards over its outbound long connection. */
export function wecomBotChannel(ctx: ChannelContext, settings: WecomBotSettings): ChannelModule {
  const openUrl = `${ctx.settings.publicUrl}/`;
  const receiver = new BotReceiver(ctx, settings, openUrl);
  return {
    adapter: new WecomBotAdapter(() => receiver.client, openUrl),
    async start() {
      receiver.client.connect();
    },
    async stop() {
      receiver.client.disconnect();
    },
    readiness: [{ name: 'wecom-bot', check: async () => receiver.readiness(CONNECT_GRACE_MS) }],
  };
}
