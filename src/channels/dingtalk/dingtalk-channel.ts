import { Outbox } from '../../chat/outbox/outbox.js';
import { RecipientRouter } from '../../chat/outbox/recipient-router.js';
import type { DingtalkSettings } from '../../config/env.js';
import type { ChannelContext, ChannelModule } from '../channel-module.js';
import { AccessTokenCache } from '../shared/access-token-cache.js';
import { AcknowledgedCards } from './acknowledged-cards.js';
import { DingtalkApi, grantAccessToken } from './api-client.js';
import { CallBudget } from './call-budget.js';
import { CardInbound } from './card-inbound.js';
import { DingtalkAdapter } from './dingtalk-adapter.js';
import { RobotInbound } from './robot-inbound.js';
import { SessionWebhooks } from './session-webhooks.js';
import { StreamReceiver } from './stream-receiver.js';

/**
 * The DingTalk app robot: Stream mode in (robot messages, card actions), robot and card APIs
 * out. Hosts come from DINGTALK_API_BASE / DINGTALK_OAPI_BASE, so a private deployment or a
 * test gateway works the same way.
 *
 * Unlike the WeCom bot, every server instance keeps its own Stream connection, without a
 * lease: DingTalk allows several connections per app and picks one at random for each push
 * (protocols/dingtalk.md §2.2, two sources), so a second instance shares the load instead of
 * pushing the first out, and no take-over gap follows the death of one. UNCONFIRMED: any cap
 * on the number of connections per app.
 */
export function dingtalkChannel(ctx: ChannelContext, settings: DingtalkSettings): ChannelModule {
  const { orm, clock, logger: parentLogger, factory } = ctx;
  const logger = parentLogger.child({ channel: 'dingtalk' });
  const sessions = new SessionWebhooks();
  const acknowledged = new AcknowledgedCards();
  const tokens = new AccessTokenCache(() => grantAccessToken(settings), clock);
  // Budget notices concern DingTalk, so they go to the admins there, whatever else is enabled.
  const adminOutbox = new Outbox(new RecipientRouter(['dingtalk']), clock);
  const budget = new CallBudget({ orm, clock, logger, outbox: adminOutbox });
  const api = new DingtalkApi({ settings, tokens, budget, logger });
  const adapter = new DingtalkAdapter({
    api,
    sessions,
    acknowledged,
    orm,
    clock,
    logger,
    robotCode: settings.robotCode,
    cardTemplateId: factory.dingtalk.cardTemplateId,
  });
  const robot = new RobotInbound({
    handle: ctx.handle,
    sessions,
    clock,
    logger,
    robotCode: settings.robotCode,
  });
  const cards = new CardInbound({ handle: ctx.handle, orm, clock, logger, acknowledged });
  const receiver = new StreamReceiver({
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    apiBase: settings.apiBase,
    tokens,
    logger,
    onRobotMessage: robot.receive,
    onCardCallback: cards.receive,
  });
  return {
    adapter,
    start: () => receiver.start(),
    stop: () => receiver.stop(),
    readiness: [receiver.readiness],
  };
}
