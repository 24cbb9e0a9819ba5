import { ConsoleAdapter } from './console/console-adapter.js';
import type { ChannelContext, ChannelModule } from './channel-module.js';

/**
 * The channels the operator configured, in the order a person is tried when the bot pushes
 * to them: the platforms first, the console (demos, tests) last. A platform's code (and its SDK,
 * tens of megabytes with their HTTP clients) is loaded only when the operator configured it.
 */
export async function buildChannels(ctx: ChannelContext): Promise<ChannelModule[]> {
  const modules: ChannelModule[] = [];
  if (ctx.settings.wecom) {
    const { wecomAppChannel } = await import('./wecom-app/wecom-app-channel.js');
    modules.push(wecomAppChannel(ctx, ctx.settings.wecom));
  }
  if (ctx.settings.wecomBot) {
    const { wecomBotChannel } = await import('./wecom-bot/wecom-bot-channel.js');
    modules.push(wecomBotChannel(ctx, ctx.settings.wecomBot));
  }
  if (ctx.settings.dingtalk) {
    const { dingtalkChannel } = await import('./dingtalk/dingtalk-channel.js');
    modules.push(dingtalkChannel(ctx, ctx.settings.dingtalk));
  }
  if (ctx.settings.consoleChannel) modules.push({ adapter: new ConsoleAdapter() });
  return modules;
}
