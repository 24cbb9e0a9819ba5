import type { WecomBotSettings } from '../../config/env.js';
import { ConnectionLeases, leaseHolderId } from '../../db/leases/connection-leases.js';
import type { ChannelContext, ChannelModule } from '../channel-module.js';
import { LeasedConnection } from '../../db/leases/leased-connection.js';
import { WecomBotAdapter } from './bot-adapter.js';
import { BotReceiver } from './bot-receiver.js';

/** How long the holder of the connection may take to connect before /readyz reports it not ready. */
const CONNECT_GRACE_MS = 30_000;

/**
 * The WeCom intelligent bot: group @-commands and cards over its outbound long connection.
 *
 * One instance holds the connection, chosen through a database lease: the official SDK reads a
 * `disconnected_event` as "a newer connection for this bot replaced this one" and gives up
 * (protocols/wecom.md §11.2; the number of connections WeCom allows per bot is UNCONFIRMED),
 * so instances connecting side by side would push each other out. The others stand by, ready
 * for HTTP, and take over when the holder's lease runs out. Proactive sends on a stand-by
 * instance find no open connection and are retried by the outbox.
 */
export function wecomBotChannel(ctx: ChannelContext, settings: WecomBotSettings): ChannelModule {
  const openUrl = `${ctx.settings.publicUrl}/`;
  const receiver = new BotReceiver(ctx, settings, openUrl);
  const connection = new LeasedConnection({
    name: 'wecom-bot',
    holder: leaseHolderId(),
    leases: new ConnectionLeases(ctx.orm, ctx.clock),
    ttlMs: ctx.settings.connectionLeaseMs,
    clock: ctx.clock,
    logger: ctx.logger.child({ channel: 'wecom-bot' }),
    open: () => receiver.client.connect(),
    close: () => receiver.client.disconnect(),
  });
  return {
    adapter: new WecomBotAdapter(() => receiver.client, openUrl),
    start: () => connection.start(),
    stop: () => connection.stop(),
    readiness: [
      {
        name: 'wecom-bot',
        check: async () => {
          const since = connection.holdingSince;
          const waited = since ? ctx.clock.now().getTime() - since.getTime() : 0;
          return !since || receiver.connected || waited < CONNECT_GRACE_MS
            ? { ok: true }
            : { ok: false, reason: 'the WeCom bot long connection is not open' };
        },
      },
    ],
  };
}
