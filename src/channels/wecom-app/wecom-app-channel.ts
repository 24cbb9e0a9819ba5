import type { WecomAppSettings } from '../../config/env.js';
import type { ChannelContext, ChannelModule } from '../channel-module.js';
import { WecomApiClient } from './api-client.js';
import { wecomCallbackRoutes } from './callback-route.js';
import { WecomAppAdapter } from './wecom-app-adapter.js';

/** The WeCom self-built app: its HTTP callback in, message/send, appchat and webhooks out. */
export function wecomAppChannel(ctx: ChannelContext, settings: WecomAppSettings): ChannelModule {
  const client = new WecomApiClient(settings, ctx.clock, ctx.logger);
  return {
    adapter: new WecomAppAdapter({
      client,
      em: () => ctx.orm.em.fork(),
      openUrl: `${ctx.settings.publicUrl}/`,
    }),
    routes: wecomCallbackRoutes(ctx, {
      token: settings.token,
      aesKey: settings.aesKey,
      corpId: settings.corpId,
      timestampWindowSeconds: settings.timestampWindowSeconds,
      passiveDeadlineMs: 4_000,
    }),
  };
}
