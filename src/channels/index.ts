import { ConsoleAdapter } from './console/console-adapter.js';
import type { ChannelContext, ChannelModule } from './channel-module.js';
import { dingtalkChannel } from './dingtalk/dingtalk-channel.js';
import { wecomAppChannel } from './wecom-app/wecom-app-channel.js';
import { wecomBotChannel } from './wecom-bot/wecom-bot-channel.js';

/**
 * The channels the operator configured, in the order a person is tried when the bot pushes
 * to them: the platforms first, the console (demos, tests) last.
 */
export function buildChannels(ctx: ChannelContext): ChannelModule[] {
  const modules: ChannelModule[] = [];
  if (ctx.settings.wecom) modules.push(wecomAppChannel(ctx, ctx.settings.wecom));
  if (ctx.settings.wecomBot) modules.push(wecomBotChannel(ctx, ctx.settings.wecomBot));
  if (ctx.settings.dingtalk) modules.push(dingtalkChannel(ctx, ctx.settings.dingtalk));
  if (ctx.settings.consoleChannel) modules.push({ adapter: new ConsoleAdapter() });
  return modules;
}
