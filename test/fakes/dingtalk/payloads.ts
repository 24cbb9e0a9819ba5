import { createHash, randomBytes } from 'node:crypto';
import { recordedData } from './stream-frames.js';
import type { CardCallbackInput, CardCallbackPayload, CardRecord, RobotMessagePayload } from './types.js';

/** The `data` of the CALLBACK frames recorded in test/fixtures/dingtalk (§4.1, §4.2). */
const DIRECT_MESSAGE = recordedData<RobotMessagePayload>('stream-robot-message.json');
const GROUP_MESSAGE = recordedData<RobotMessagePayload>('stream-robot-message-group.json');
const CARD_CALLBACK = recordedData<CardCallbackPayload>('stream-card-callback.json');

export const DEFAULT_SENDER_STAFF_ID = String(DIRECT_MESSAGE.senderStaffId);

export function randomKey(prefix = '', bytes = 16): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

function digest(seed: string, length: number): string {
  return createHash('sha256').update(seed).digest('base64').slice(0, length);
}

/** §1: conversation ids start with `cid`; the same seed always names the same conversation. */
export function conversationIdFor(seed: string): string {
  return `cid${digest(`conversation:${seed}`, 22)}==`;
}

export const DEFAULT_GROUP_ID = conversationIdFor('group:default');

/** §4.1: `senderId`/`chatbotUserId` are encrypted ids of the form `$:LWCP_v1:$…`. */
function encryptedId(seed: string): string {
  return `$:LWCP_v1:$${digest(`dingtalk-id:${seed}`, 32)}`;
}

export interface RobotMessageContext {
  robotCode: string;
  corpId: string;
  now: () => number;
  sessionWebhookTtlMs: number;
  /** Registers a reply session for the conversation and returns its webhook URL (§5.3). */
  openSession: (conversationId: string, expiresAt: number) => string;
}

/**
 * A §4.1 payload from the recorded 1:1 text of `user001`, or with `conversationType: '2'` the
 * recorded group message that @-mentions the bot; ids, the corp, the bot and the times are put
 * in. Fields in `partial` win, shallowly.
 */
export function buildRobotMessage(
  context: RobotMessageContext,
  partial: Partial<RobotMessagePayload>,
): RobotMessagePayload {
  const isGroup = partial.conversationType === '2';
  // §4.1: in groups the platform delivers only messages that @ the bot.
  if (isGroup && partial.isInAtList === false)
    throw new Error('fake DingTalk: group messages reach the bot only when it is @-ed (brief §4.1)');
  const senderStaffId = 'senderStaffId' in partial ? partial.senderStaffId : DEFAULT_SENDER_STAFF_ID;
  const senderId = partial.senderId ?? encryptedId(`staff:${senderStaffId ?? randomKey()}`);
  const chatbotUserId = partial.chatbotUserId ?? encryptedId(`bot:${context.robotCode}`);
  const conversationId =
    partial.conversationId ?? (isGroup ? DEFAULT_GROUP_ID : conversationIdFor(`1:1:${senderId}`));
  const createAt = partial.createAt ?? context.now();
  const expiresAt = partial.sessionWebhookExpiredTime ?? createAt + context.sessionWebhookTtlMs;
  const recorded = isGroup ? GROUP_MESSAGE : DIRECT_MESSAGE;
  return {
    ...recorded,
    msgId: randomKey('msg'),
    senderCorpId: context.corpId,
    chatbotCorpId: context.corpId,
    robotCode: context.robotCode,
    ...(recorded.atUsers ? { atUsers: [{ dingtalkId: chatbotUserId }] } : {}),
    ...partial,
    conversationId,
    senderId,
    senderStaffId,
    chatbotUserId,
    createAt,
    sessionWebhook: partial.sessionWebhook ?? context.openSession(conversationId, expiresAt),
    sessionWebhookExpiredTime: expiresAt,
  };
}

/**
 * A §4.2 card action from the recorded one. `actionIds`/`params` become the `content` JSON
 * string (repeated in `value`); the space comes from the card when the fake knows it.
 */
export function buildCardCallback(
  corpId: string,
  card: CardRecord | undefined,
  input: CardCallbackInput,
): CardCallbackPayload {
  const { actionIds = [], params = {}, ...partial } = input;
  const content = JSON.stringify({ cardPrivateData: { actionIds, params } });
  return {
    ...CARD_CALLBACK,
    userId: DEFAULT_SENDER_STAFF_ID,
    corpId,
    spaceType: card?.spaceType ?? CARD_CALLBACK.spaceType,
    spaceId: card?.spaceId ?? DEFAULT_GROUP_ID,
    content,
    value: content,
    ...partial,
  };
}
