import { ConsoleAdapter } from './console/console-adapter.js';
import type { ChannelContext, ChannelModule } from './channel-module.js';

/**
 * The channels the operator configured, in the order a person is tried when the bot pushes
 * to them: the platforms first, the console (demos, tests) last.
 */
export function buildChannels(ctx: ChannelContext): ChannelModule[] {
  const modules: ChannelModule[] = [];
  if (ctx.settings.consoleChannel) modules.push({ adapter: new ConsoleAdapter() });
  return modules;
}
