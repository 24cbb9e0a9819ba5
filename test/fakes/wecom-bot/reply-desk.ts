/**
 * Judges and records what the bot sends: replies on a pushed req_id (§11.2 aibot_respond_*)
 * and proactive sends (aibot_send_msg).
 */
import { CMD, ERRCODE, OK, isJsonObject, refuse, type Verdict } from './protocol.js';
import type {
  JsonObject,
  ProactiveSendRecord,
  PushKind,
  PushedFrame,
  ReplyCmd,
  ReplyRecord,
} from './types.js';
import { TaskIdBook, checkCardUpdate, checkRespondMsg, checkSendMsg, checkWelcome } from './validation.js';

/**
 * Which pushed frames each reply cmd may answer. §11.2: welcome answers enter_chat, update answers
 * template_card_event. The SDK docs also allow a plain reply (e.g. a card) after enter_chat.
 * UNCONFIRMED whether a real server accepts aibot_respond_msg on other events; the fake refuses.
 */
const ANSWERABLE: Record<ReplyCmd, readonly PushKind[]> = {
  aibot_respond_msg: ['message', 'enter_chat'],
  aibot_respond_welcome_msg: ['enter_chat'],
  aibot_respond_update_msg: ['template_card_event'],
};

export interface ReplyDeskConfig {
  now: () => number;
  respondTimeoutMs: number;
  findPush: (reqId: string) => PushedFrame | undefined;
}

export class ReplyDesk {
  readonly replies: ReplyRecord[] = [];
  readonly sends: ProactiveSendRecord[] = [];
  private readonly taskIds = new TaskIdBook();
  private readonly reqIdsWithCard = new Set<string>();

  constructor(private readonly config: ReplyDeskConfig) {}

  reply(cmd: ReplyCmd, reqId: string, body: unknown, connectionId: number): Verdict {
    const inbound = this.config.findPush(reqId);
    if (inbound === undefined) return refuse(ERRCODE.unknownReqId, `req_id ${reqId} was never pushed`);
    if (!ANSWERABLE[cmd].includes(inbound.kind)) {
      return refuse(ERRCODE.wrongReplyKind, `${cmd} cannot answer ${inbound.kind}`);
    }
    const problem = this.checkWindow(inbound) ?? this.checkReplyBody(cmd, body, inbound);
    if (problem !== undefined) return problem;
    const accepted = body as JsonObject;
    if (cmd !== CMD.respondUpdate) this.claimCard(reqId, accepted);
    this.replies.push({ cmd, reqId, body: accepted, at: this.config.now(), connectionId, inbound });
    return OK;
  }

  send(reqId: string, body: unknown, connectionId: number): Verdict {
    const problem = checkSendMsg(body, this.taskIds);
    if (problem !== undefined) return problem;
    const accepted = body as JsonObject;
    this.taskIds.claimCardOf(accepted);
    this.sends.push({
      reqId,
      chatid: String(accepted.chatid),
      msgtype: accepted.msgtype === 'markdown' ? 'markdown' : 'template_card',
      body: accepted,
      at: this.config.now(),
      connectionId,
    });
    return OK;
  }

  /**
   * The brief's "within 5 s" (§11.2) is applied to every reply, counted from the latest delivery.
   * UNCONFIRMED: §11.1 lets webhook-mode streams run for 6 min, and the refusal errcode is invented.
   */
  private checkWindow(inbound: PushedFrame): Verdict | undefined {
    const age = this.config.now() - inbound.pushedAt;
    if (age <= this.config.respondTimeoutMs) return undefined;
    return refuse(
      ERRCODE.replyWindowExpired,
      `reply ${age} ms after the push, limit ${this.config.respondTimeoutMs} ms`,
    );
  }

  private checkReplyBody(cmd: ReplyCmd, body: unknown, inbound: PushedFrame): Verdict | undefined {
    if (!isJsonObject(body)) return refuse(ERRCODE.invalidParameter, 'body must be an object');
    switch (cmd) {
      case 'aibot_respond_msg':
        return checkRespondMsg(body, this.taskIds, this.reqIdsWithCard.has(inbound.reqId));
      case 'aibot_respond_welcome_msg':
        return checkWelcome(body, this.taskIds);
      case 'aibot_respond_update_msg':
        return checkCardUpdate(body, clickedTaskId(inbound));
    }
  }

  private claimCard(reqId: string, body: JsonObject): void {
    if (body.template_card === undefined) return;
    this.taskIds.claimCardOf(body);
    this.reqIdsWithCard.add(reqId);
  }
}

function clickedTaskId(inbound: PushedFrame): string {
  const event = inbound.body.event;
  return isJsonObject(event) && typeof event.task_id === 'string' ? event.task_id : '';
}
