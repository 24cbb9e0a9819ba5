import Router from '@koa/router';
import type { Context } from 'koa';
import type { RecordedInbound } from '../../chat/engine.js';
import type { OutboundContent } from '../../chat/outbound.js';
import type { ChannelContext } from '../channel-module.js';
import {
  assertFresh,
  assertSignature,
  CallbackRefused,
  openEnvelope,
  sealReply,
  type CallbackSecrets,
} from './callback-crypto.js';
import { buildXml, MalformedXmlError, parseXml, text } from './callback-xml.js';
import { mapInbound, type MappedInbound } from './inbound-mapping.js';
import { wecomAppMessages as m } from './messages.js';
import { WECOM_TEXT_BYTES } from './wecom-app-adapter.js';

export interface CallbackOptions extends CallbackSecrets {
  /** Refuse callbacks whose timestamp is further than this from our clock (replays). */
  timestampWindowSeconds: number;
  /** WeCom waits 5 s (§3.5); past this we answer empty and reply through the outbox. */
  passiveDeadlineMs: number;
}

/**
 * `GET|POST /wecom/callback`, the self-built app's receiver. Forged, foreign, stale or
 * malformed requests are refused before anything touches the database, with one log line.
 */
export function wecomCallbackRoutes(channel: ChannelContext, options: CallbackOptions): Router {
  const router = new Router();
  const refuse = (ctx: Context, error: unknown) => {
    if (error instanceof CallbackRefused || error instanceof MalformedXmlError) {
      const reason = error instanceof CallbackRefused ? error.reason : 'malformed_xml';
      channel.logger.warn({ reason, ip: ctx.ip }, 'wecom callback refused');
      ctx.status = reason === 'malformed_xml' ? 400 : 403;
      ctx.body = '';
      return;
    }
    throw error;
  };

  router.get('/wecom/callback', (ctx) => {
    try {
      const { msg_signature, timestamp, nonce, echostr } = queryOf(ctx, [
        'msg_signature',
        'timestamp',
        'nonce',
        'echostr',
      ]);
      // A signed verification is as replayable as a message: a captured one must not echo forever.
      assertFresh(timestamp, channel.clock.now(), options.timestampWindowSeconds);
      assertSignature(options, msg_signature, timestamp, nonce, echostr);
      ctx.type = 'text/plain';
      ctx.body = openEnvelope(options, echostr);
    } catch (error) {
      refuse(ctx, error);
    }
  });

  router.post('/wecom/callback', async (ctx) => {
    let mapped: MappedInbound | undefined;
    try {
      const { msg_signature, timestamp, nonce } = queryOf(ctx, ['msg_signature', 'timestamp', 'nonce']);
      const body = typeof ctx.request.body === 'string' ? ctx.request.body : '';
      const encrypted = text(parseXml(body), 'Encrypt');
      if (!encrypted) throw new MalformedXmlError('no <Encrypt> element');
      assertFresh(timestamp, channel.clock.now(), options.timestampWindowSeconds);
      assertSignature(options, msg_signature, timestamp, nonce, encrypted);
      mapped = mapInbound(parseXml(openEnvelope(options, encrypted)), channel.clock.now());
    } catch (error) {
      return refuse(ctx, error);
    }
    ctx.status = 200;
    ctx.body = '';
    if (!mapped) return;
    // Stored before any answer: should this fail (database down) the request fails with a
    // 5xx, and WeCom retries any status but 200 (§3.5) — the retry is not lost.
    const recorded = await channel.record(mapped.event);
    const passive = await answerInTime(channel, mapped, recorded, options.passiveDeadlineMs);
    if (passive)
      ctx.body = sealReply(
        options,
        passiveXml(passive, mapped, options.corpId, channel.clock.now()),
        channel.clock.now(),
      );
  });
  return router;
}

/**
 * A passive reply carries one message: a single text, or, for a card click, the clicked
 * button greyed out. Anything else (cards, several messages) goes out through the outbox in
 * the same transaction as its cause, and the callback is answered empty.
 *
 * The deadline and the handler agree on who answers: when the handler decides before the
 * deadline to answer passively, the route waits for its commit; once the deadline has passed
 * first, the route answers empty and every reply goes through the outbox in the handler's own
 * transaction. Should that handling fail (database gone), the event stays stored as unhandled
 * and the resume job answers it through the outbox later.
 */
async function answerInTime(
  channel: ChannelContext,
  mapped: MappedInbound,
  recorded: RecordedInbound,
  deadlineMs: number,
): Promise<OutboundContent | undefined> {
  const isClick = mapped.event.kind === 'card_action';
  let turn: 'open' | 'passive' | 'late' = 'open';
  const handling = channel.handle(mapped.event, {
    alreadyRecorded: recorded,
    repliesThroughOutbox: (replies) => {
      if (turn === 'late') return true;
      turn = 'passive';
      return isClick || passiveText(replies) === undefined;
    },
  });
  const late = Symbol('late');
  const first = await Promise.race([handling, sleep(deadlineMs).then((): typeof late => late)]);
  if (first === late && turn === 'open') {
    turn = 'late';
    void handling.catch((error: unknown) =>
      channel.logger.error(
        { err: error, platformMessageId: mapped.event.platformMessageId },
        'wecom callback handling failed after the deadline; the stored event is resumed later',
      ),
    );
    return undefined;
  }
  const outcome = first === late ? await handling : first;
  if (isClick) return { kind: 'text', text: m.buttonDone };
  return passiveText(outcome.replies);
}

/**
 * The one text a passive reply can carry; a longer answer than it holds goes through the
 * outbox, which sends it in parts, and the callback is answered empty.
 */
function passiveText(replies: OutboundContent[]): OutboundContent | undefined {
  const [only] = replies;
  return replies.length === 1 && only?.kind === 'text' && Buffer.byteLength(only.text) <= WECOM_TEXT_BYTES
    ? only
    : undefined;
}

function passiveXml(reply: OutboundContent, mapped: MappedInbound, corpId: string, now: Date): string {
  const head = {
    ToUserName: mapped.event.senderId,
    FromUserName: corpId,
    CreateTime: Math.floor(now.getTime() / 1000),
  };
  if (mapped.event.kind === 'card_action' && reply.kind === 'text') {
    return buildXml({ ...head, MsgType: 'update_button', Button: { ReplaceName: reply.text } });
  }
  return buildXml({ ...head, MsgType: 'text', Content: reply.kind === 'text' ? reply.text : '' });
}

function queryOf<K extends string>(ctx: Context, keys: K[]): Record<K, string> {
  const values = {} as Record<K, string>;
  for (const key of keys) {
    const value = ctx.query[key];
    if (typeof value !== 'string' || value === '') throw new CallbackRefused('bad_signature');
    values[key] = value;
  }
  return values;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
