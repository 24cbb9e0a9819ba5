import { startFakeWecomBot, type FakeWecomBot } from '../../fakes/wecom-bot/server.js';
import { startDemoApp, type DemoApp } from '../../support/demo-app.js';

export const BOT = { botId: 'aibot-factory-01', secret: 'bot-secret-01' };
/** 数控组's group, where the intelligent bot is a member (src/demo/demo-cast.ts). */
export const CNC = 'wrDemoCncBot';

export interface BotWorld {
  fake: FakeWecomBot;
  app: DemoApp;
  stop(): Promise<void>;
}

/** The demo shop with the intelligent bot connected to a fake WeCom bot server. */
export async function startBotWorld(env: Record<string, string> = {}): Promise<BotWorld> {
  const fake = await startFakeWecomBot(BOT);
  const app = await startDemoApp({
    env: { WECOM_BOT_ID: BOT.botId, WECOM_BOT_SECRET: BOT.secret, WECOM_BOT_WS_URL: fake.url, ...env },
  });
  await fake.waitForConnection();
  return {
    fake,
    app,
    async stop() {
      await app.stop();
      await fake.close();
    },
  };
}
