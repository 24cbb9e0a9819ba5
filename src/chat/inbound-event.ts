/**
 * Every way a person talks to the bot, on any platform, becomes one of these. Adapters
 * translate platform payloads into it; nothing past the adapter knows which platform spoke.
 */
export type ChannelName = 'console' | 'wecom-app' | 'wecom-bot' | 'dingtalk';

/** Whose list of user ids a sender id belongs to. WeCom's app and bot share one. */
export type IdentityPlatform = 'console' | 'wecom' | 'dingtalk';

export function identityPlatformOf(channel: ChannelName): IdentityPlatform {
  return channel === 'wecom-app' || channel === 'wecom-bot' ? 'wecom' : channel;
}

export type Conversation = { kind: 'direct' } | { kind: 'group'; chatId: string; title?: string };

interface InboundBase {
  channel: ChannelName;
  /** The platform's own id for this delivery: the key that makes a redelivery harmless. */
  platformMessageId: string;
  senderId: string;
  conversation: Conversation;
  receivedAt: Date;
}

export interface CardActionValues {
  /** The opaque key of the tapped button or submit, as rendered by us. */
  actionKey: string;
  /** Selections made on the card (select key → chosen option ids). */
  selections: Record<string, string[]>;
}

export type InboundEvent =
  | (InboundBase & { kind: 'text'; text: string })
  | (InboundBase & { kind: 'card_action' } & CardActionValues)
  | (InboundBase & { kind: 'scan'; scannedText: string })
  | (InboundBase & { kind: 'menu_click'; menuKey: string })
  | (InboundBase & { kind: 'image' } & MediaRef)
  | (InboundBase & { kind: 'enter' });

/**
 * Where a platform keeps a photo someone sent: WeCom app `MediaId`, the WeCom bot's download url
 * with its per-link `aesKey`, DingTalk's `downloadCode`. Only the channel's adapter reads it.
 */
export interface MediaRef {
  mediaId: string;
  aesKey?: string;
}

export type InboundKind = InboundEvent['kind'];
