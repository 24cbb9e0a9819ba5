/**
 * Public types of the fake WeCom intelligent-bot (智能机器人) long-connection server.
 * Section numbers (§) point into /work/shared/protocols/wecom.md.
 */

export type JsonObject = Record<string, unknown>;

export interface FakeWecomBotOptions {
  botId: string;
  secret: string;
  /** Millisecond clock for timestamps, the reply window and media-link expiry. Default `Date.now`. */
  now?: () => number;
  /** §11.2: welcome and card-update replies must come within 5 s; the fake applies it to every reply. */
  respondTimeoutMs?: number;
  /** Display name members type after "@" in groups (§11.1). Default `'工单助手'`. */
  botName?: string;
  /**
   * The official SDK handles a `disconnected_event` pushed to an older connection when a newer one
   * authenticates (UNCONFIRMED in §11.2, but the SDK source implements it). Default true.
   */
  replaceOlderConnections?: boolean;
  /** §11.1: media download links stay valid for 5 minutes. */
  mediaUrlTtlMs?: number;
}

export type ReplyCmd = 'aibot_respond_msg' | 'aibot_respond_welcome_msg' | 'aibot_respond_update_msg';
export type PushCmd = 'aibot_msg_callback' | 'aibot_event_callback';
export type PushKind =
  'message' | 'enter_chat' | 'template_card_event' | 'feedback_event' | 'disconnected_event';
export type ChatType = 'single' | 'group';
export type InboundMsgType = 'text' | 'image' | 'mixed' | 'voice' | 'file';

/** What the fake pushes for `pushMessage`; everything has a realistic default (a 1:1 text). */
export interface MessageInput {
  msgid?: string;
  chattype?: ChatType;
  /** Groups only; a stable default group id is used when omitted. */
  chatid?: string;
  userid?: string;
  msgtype?: InboundMsgType;
  /** text / voice (speech-to-text) / the text item of mixed. Group text gets "@<botName> " in front. */
  content?: string;
  /** image / file / the image of mixed: the bytes the fake serves, AES-encrypted, at the pushed url. */
  media?: Uint8Array;
  fileName?: string;
  quote?: JsonObject;
  /** Shallow-merged over the finished body, for anything the builder does not model. */
  extra?: JsonObject;
}

interface EventInputBase {
  msgid?: string;
  userid?: string;
  chattype?: ChatType;
  chatid?: string;
  corpid?: string;
  extra?: JsonObject;
}

export interface EnterChatInput extends EventInputBase {
  eventtype: 'enter_chat';
}

export interface TemplateCardEventInput extends EventInputBase {
  eventtype: 'template_card_event';
  taskId: string;
  eventKey: string;
  cardType?: string;
  selectedItems?: JsonObject;
}

export interface FeedbackEventInput extends EventInputBase {
  eventtype: 'feedback_event';
  feedbackId: string;
  /** UNCONFIRMED: 1 accurate, 2 inaccurate, 3 cancelled. */
  feedbackType?: number;
  content?: string;
}

export type EventInput = EnterChatInput | TemplateCardEventInput | FeedbackEventInput;

export interface ConnectionInfo {
  /** 1-based, in the order connections were opened. */
  id: number;
  openedAt: number;
  open: boolean;
  authenticated: boolean;
  authenticatedAt?: number;
  closedAt?: number;
  /** The `aibot_subscribe` body of the last attempt, secret removed. */
  subscribe?: JsonObject;
}

export interface ConnectionCounts {
  total: number;
  open: number;
  authenticated: number;
}

/** A frame the fake received, parsed; `frame` is undefined when the text was not a JSON object. */
export interface ReceivedFrame {
  connectionId: number;
  at: number;
  raw: string;
  frame: UpstreamFrame | undefined;
}

export interface UpstreamFrame {
  cmd?: string;
  headers?: { req_id?: string; [key: string]: unknown };
  body?: unknown;
  [key: string]: unknown;
}

export interface PushedFrame {
  reqId: string;
  cmd: PushCmd;
  kind: PushKind;
  body: JsonObject;
  connectionId: number;
  /** When the reply window started: the latest delivery. */
  pushedAt: number;
  deliveries: number;
}

export interface ReplyRecord {
  cmd: ReplyCmd;
  reqId: string;
  body: JsonObject;
  at: number;
  connectionId: number;
  /** The pushed frame this reply answers. */
  inbound: PushedFrame;
}

export interface ProactiveSendRecord {
  reqId: string;
  chatid: string;
  msgtype: 'markdown' | 'template_card';
  body: JsonObject;
  at: number;
  connectionId: number;
}

/** Every non-zero ack the fake gave, with the reason. */
export interface RefusalRecord {
  cmd: string;
  reqId: string;
  errcode: number;
  errmsg: string;
  at: number;
  connectionId: number;
  body: unknown;
}

export interface WaitForConnectionOptions {
  /** Wait for the nth connection ever opened (1-based) to authenticate; default: any open authenticated one. */
  nth?: number;
  timeoutMs?: number;
}

export interface FakeWecomBot {
  /** `ws://127.0.0.1:<port>`: the SDK's `wsUrl`, our `WECOM_BOT_WS_URL`. */
  readonly url: string;
  /** `http://127.0.0.1:<port>`: where pushed image/file urls point. */
  readonly mediaBaseUrl: string;

  /** Pushes `aibot_msg_callback` to the newest authenticated connection; returns its req_id. */
  pushMessage(input?: MessageInput): string;
  /** Pushes `aibot_event_callback`; returns its req_id. */
  pushEvent(input: EventInput): string;
  /** Sends an already pushed frame again, byte for byte (same req_id, same msgid). */
  redeliver(reqId: string): void;

  /** The first accepted reply on `reqId` (any reply cmd) that `match` accepts. */
  waitForReply(
    reqId: string,
    timeoutMs?: number,
    match?: (reply: ReplyRecord) => boolean,
  ): Promise<ReplyRecord>;
  waitForProactiveSend(
    match?: (send: ProactiveSendRecord) => boolean,
    timeoutMs?: number,
  ): Promise<ProactiveSendRecord>;
  waitForConnection(options?: WaitForConnectionOptions): Promise<ConnectionInfo>;
  /** Terminates every open socket (no close frame, like a network cut); returns how many. */
  dropConnection(): number;
  /** Stop (false) or resume (true) acking `ping`, to exercise the SDK's missed-heartbeat check. */
  setPingAcks(enabled: boolean): void;

  connections(): ConnectionInfo[];
  connectionCounts(): ConnectionCounts;
  frames(): ReceivedFrame[];
  pushed(): PushedFrame[];
  /** Accepted replies of all three reply cmds, oldest first. */
  replies(): ReplyRecord[];
  /** Accepted `aibot_respond_update_msg` only. */
  cardUpdates(): ReplyRecord[];
  /** Accepted `aibot_send_msg` only. */
  proactiveSends(): ProactiveSendRecord[];
  refusals(): RefusalRecord[];

  close(): Promise<void>;
}
