/**
 * Shapes shared by the fake DingTalk platform's parts. Field names follow the platform
 * (/work/shared/protocols/dingtalk.md), so a record reads like what went over the wire.
 */

export interface FakeDingtalkOptions {
  clientId: string;
  clientSecret: string;
  robotCode: string;
  /** §5.1: tokens live 7200 s. */
  tokenTtlSeconds?: number;
  /** Millisecond clock for every expiry and throttling window. Delays (disconnect close, redelivery) use timers. */
  now?: () => number;
  /** §6: 20 calls per second per app per API on the standard edition. */
  qpsLimit?: number;
  /** §6: org-wide monthly call quota (10,000 on free orgs); unlimited when omitted. */
  monthlyQuota?: number;
  /** §2.4: the server closes the socket about 10 s after a SYSTEM disconnect. */
  disconnectCloseDelayMs?: number;
  /** §4.1: session webhooks observed to live about 90 minutes. */
  sessionWebhookTtlMs?: number;
  /** §5.3 UNCONFIRMED: assumed custom-robot limit of 20 messages a minute per conversation. */
  sessionWebhookPerMinute?: number;
  /** Org userIds that exist; others come back in `invalidStaffIdList`. Omitted: every userId exists. */
  staffIds?: readonly string[];
  corpId?: string;
  /** `headers.appId` of callback frames (§2.3). */
  appId?: string;
  /** §2.5: un-ACKed (or not SUCCESS-ACKed) EVENT pushes are redelivered; the schedule is UNCONFIRMED. */
  eventRedeliveryDelayMs?: number;
  eventMaxRedeliveries?: number;
}

export interface ResolvedOptions extends Required<Omit<FakeDingtalkOptions, 'monthlyQuota' | 'staffIds'>> {
  monthlyQuota: number | undefined;
  staffIds: readonly string[] | undefined;
}

/** `cutAfterAccepting`: the call takes effect, then the connection drops before any answer. */
export type FailureKind = 'qps' | 'flowControl' | 'invalidToken' | 'serverError' | 'cutAfterAccepting';

// ---- Stream mode (§2) -------------------------------------------------------------------

export type FrameType = 'SYSTEM' | 'EVENT' | 'CALLBACK';

export interface Subscription {
  type: string;
  topic: string;
}

/** §2.3: what the server writes to the socket; `data` is a JSON string. */
export interface DownstreamFrame {
  specVersion: '1.0';
  type: FrameType;
  headers: Record<string, string>;
  data: string;
}

export interface PushedFrame {
  messageId: string;
  type: FrameType;
  topic: string;
  connectionId: string;
  /** 1 for the first delivery, 2+ for redeliveries of the same messageId. */
  delivery: number;
  frame: DownstreamFrame;
  pushedAt: number;
}

/** §2.4: a frame the client sent back, parsed, with `data` parsed too when it is JSON. */
export interface AckRecord {
  connectionId: string;
  messageId: string | undefined;
  code: unknown;
  message: unknown;
  headers: Record<string, unknown>;
  data: unknown;
  raw: string;
  receivedAt: number;
  /** Set when the fake could not act on the ACK (e.g. a card update with non-string values). */
  problem?: string;
}

export type ConnectionState = 'open' | 'draining' | 'closed';

export interface ConnectionInfo {
  id: string;
  ticket: string;
  subscriptions: Subscription[];
  ua: string;
  state: ConnectionState;
  openedAt: number;
  disconnectSentAt?: number;
  closedAt?: number;
  closedBy?: 'server' | 'client';
}

export interface RejectedConnection {
  ticket: string | undefined;
  reason: 'missing' | 'unknown' | 'used' | 'expired' | 'wrong path';
  at: number;
}

export interface PushTarget {
  /** Push to this connection instead of one picked at random (§2.2 load sharing). */
  connectionId?: string;
}

export interface PushOptions extends PushTarget {
  /** Reuse a messageId to simulate a duplicate push (§2.5). */
  messageId?: string;
}

// ---- Payloads (§4) ---------------------------------------------------------------------

export interface AtUser {
  dingtalkId: string;
  staffId?: string;
}

/** §4.1 robot message callback data. */
export interface RobotMessagePayload {
  conversationId: string;
  /** A string: "1" one-to-one, "2" group. */
  conversationType: '1' | '2';
  conversationTitle?: string;
  msgId: string;
  msgtype: string;
  text?: { content: string };
  content?: Record<string, unknown>;
  senderId: string;
  senderStaffId?: string;
  senderNick: string;
  senderCorpId: string;
  senderPlatform?: string;
  isAdmin: boolean;
  chatbotUserId: string;
  chatbotCorpId: string;
  robotCode: string;
  isInAtList?: boolean;
  atUsers?: AtUser[];
  createAt: number;
  sessionWebhook: string;
  sessionWebhookExpiredTime: number;
  openThreadId?: string;
}

/** §4.2 card action callback data; `content`, `value` and `extension` are JSON strings. */
export interface CardCallbackPayload {
  type: 'actionCallback';
  outTrackId: string;
  userId: string;
  userIdType: number;
  corpId: string;
  spaceType: string;
  spaceId: string;
  content: string;
  value: string;
  extension: string;
}

export type CardCallbackInput = Partial<CardCallbackPayload> & {
  outTrackId: string;
  /** Folded into `content`/`value` as `{"cardPrivateData":{actionIds, params}}`. */
  actionIds?: string[];
  params?: Record<string, unknown>;
};

export interface EventInput {
  eventType: string;
  data: Record<string, unknown>;
  eventId?: string;
  eventCorpId?: string;
  eventBornTime?: number;
}

// ---- Recordings --------------------------------------------------------------------------

export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: { accessToken?: string; contentType?: string; accept?: string; userAgent?: string };
  body: unknown;
  status: number;
  response: unknown;
  at: number;
}

export interface TokenCallRecord {
  api: 'oauth2' | 'gettoken';
  granted: boolean;
  at: number;
}

export interface GroupMessageRecord {
  robotCode: string;
  openConversationId: string;
  msgKey: string;
  msgParam: Record<string, unknown>;
  coolAppCode?: string;
  processQueryKey: string;
  at: number;
}

export interface OneToOneMessageRecord {
  robotCode: string;
  userIds: string[];
  msgKey: string;
  msgParam: Record<string, unknown>;
  /** Recipients that neither were invalid nor flow-controlled. */
  deliveredTo: string[];
  invalidStaffIdList: string[];
  flowControlledStaffIdList: string[];
  processQueryKey: string;
  at: number;
}

export interface SessionWebhookMessageRecord {
  session: string;
  conversationId: string;
  body: Record<string, unknown>;
  at: number;
}

export type CardParamMap = Record<string, string>;

export interface CardUpdate {
  source: 'api' | 'callback';
  cardParamMap?: CardParamMap;
  privateData?: Record<string, CardParamMap>;
  at: number;
}

export interface CardRecord {
  outTrackId: string;
  cardTemplateId: string;
  openSpaceId: string;
  spaceType: 'IM_GROUP' | 'IM_ROBOT';
  /** The conversationId (group) or userId (1:1) from `openSpaceId`. */
  spaceId: string;
  callbackType: string | undefined;
  /** What everybody sees now. */
  cardParamMap: CardParamMap;
  /** Per-user values now, by userId. */
  privateData: Record<string, CardParamMap>;
  /** The createAndDeliver body as received. */
  created: Record<string, unknown>;
  updates: CardUpdate[];
  createdAt: number;
}

export interface MediaUploadRecord {
  mediaId: string;
  type: string;
  fileName: string | undefined;
  size: number;
  at: number;
}
