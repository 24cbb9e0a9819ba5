import { checkMessage, checkSessionMessage } from './msg-catalogue.js';
import {
  invalidParameter,
  isRecord,
  isStringArray,
  ok,
  recordedAnswer,
  recordedError,
  type ApiReply,
  type RouteRequest,
} from './http-kit.js';
import { randomKey } from './payloads.js';
import { SlidingWindowLimiter } from './throttle.js';
import type { GroupMessageRecord, OneToOneMessageRecord, SessionWebhookMessageRecord } from './types.js';

/** §5.2: batchSend takes at most 20 userIds. */
const MAX_BATCH_USERS = 20;

export interface RobotApiConfig {
  robotCode: string;
  staffIds: readonly string[] | undefined;
  now: () => number;
  sessionWebhookPerMinute: number;
  sessionWebhookUrl: (session: string) => string;
}

interface ReplySession {
  conversationId: string;
  expiresAt: number;
}

/** The robot's ways of speaking: group send, 1:1 batch send (§5.2) and the session webhook (§5.3). */
export class RobotApi {
  readonly groupLog: GroupMessageRecord[] = [];
  readonly oneToOneLog: OneToOneMessageRecord[] = [];
  readonly sessionLog: SessionWebhookMessageRecord[] = [];
  private readonly sessions = new Map<string, ReplySession>();
  private readonly sessionLimiter: SlidingWindowLimiter;

  constructor(private readonly config: RobotApiConfig) {
    this.sessionLimiter = new SlidingWindowLimiter(config.sessionWebhookPerMinute, 60_000, config.now);
  }

  openSession(conversationId: string, expiresAt: number): string {
    const session = randomKey('', 24);
    this.sessions.set(session, { conversationId, expiresAt });
    return this.config.sessionWebhookUrl(session);
  }

  sendToGroup = ({ body }: RouteRequest): ApiReply => {
    if (!isRecord(body)) return invalidParameter('body must be a JSON object');
    const problem = this.robotProblem(body.robotCode) ?? groupProblem(body.openConversationId);
    if (problem !== undefined) return invalidParameter(problem);
    const message = checkMessage(body.msgKey, body.msgParam);
    if (!message.ok) return invalidParameter(message.problem);
    const processQueryKey = randomKey();
    this.groupLog.push({
      robotCode: body.robotCode as string,
      openConversationId: body.openConversationId as string,
      msgKey: body.msgKey as string,
      msgParam: message.msgParam,
      coolAppCode: typeof body.coolAppCode === 'string' ? body.coolAppCode : undefined,
      processQueryKey,
      at: this.config.now(),
    });
    return ok({ ...recordedAnswer('robot-group-messages-send'), processQueryKey });
  };

  sendToUsers = ({ body, injected }: RouteRequest): ApiReply => {
    if (!isRecord(body)) return invalidParameter('body must be a JSON object');
    const problem = this.robotProblem(body.robotCode) ?? usersProblem(body.userIds);
    if (problem !== undefined) return invalidParameter(problem);
    const message = checkMessage(body.msgKey, body.msgParam);
    if (!message.ok) return invalidParameter(message.problem);
    const userIds = body.userIds as string[];
    const known = this.config.staffIds;
    const invalidStaffIdList = known === undefined ? [] : userIds.filter((id) => !known.includes(id));
    const valid = userIds.filter((id) => !invalidStaffIdList.includes(id));
    // §5.2: throttled recipients come back in flowControlledStaffIdList and get nothing this time.
    const flowControlledStaffIdList = injected === 'flowControl' ? valid : [];
    const processQueryKey = randomKey();
    this.oneToOneLog.push({
      robotCode: body.robotCode as string,
      userIds,
      msgKey: body.msgKey as string,
      msgParam: message.msgParam,
      deliveredTo: valid.filter((id) => !flowControlledStaffIdList.includes(id)),
      invalidStaffIdList,
      flowControlledStaffIdList,
      processQueryKey,
      at: this.config.now(),
    });
    return ok({
      ...recordedAnswer('robot-oto-messages-batch-send'),
      processQueryKey,
      invalidStaffIdList,
      flowControlledStaffIdList,
    });
  };

  /**
   * §5.3: no token, valid until sessionWebhookExpiredTime. The errcodes for an expired session
   * (300001, "token not exist" of §7) and a bad body (40035) are UNCONFIRMED guesses.
   */
  replyBySession = ({ query, body, injected }: RouteRequest): ApiReply => {
    const key = query.get('session') ?? '';
    const session = this.sessions.get(key);
    if (session === undefined || session.expiresAt <= this.config.now())
      return recordedError('old', 'sessionExpired');
    const problem = checkSessionMessage(body);
    if (problem !== undefined) return recordedError('old', 'invalidParameter', problem);
    // §5.3 UNCONFIRMED: assumed to share the custom robot's 20/min limit and its errcode 130101 (§7).
    if (injected === 'flowControl' || !this.sessionLimiter.tryAdmit(session.conversationId))
      return recordedError('old', 'sendTooFast');
    this.sessionLog.push({
      session: key,
      conversationId: session.conversationId,
      body: body as Record<string, unknown>,
      at: this.config.now(),
    });
    return ok(recordedAnswer('robot-send-by-session'));
  };

  /** §1: an internal-app robot's robotCode is its AppKey; another robot's code is refused (code UNCONFIRMED). */
  private robotProblem(robotCode: unknown): string | undefined {
    return robotCode === this.config.robotCode
      ? undefined
      : `robotCode ${JSON.stringify(robotCode)} is unknown`;
  }
}

/** §1: group ids are the callback's conversationId, starting with `cid`. */
function groupProblem(openConversationId: unknown): string | undefined {
  return typeof openConversationId === 'string' && openConversationId.startsWith('cid')
    ? undefined
    : 'openConversationId must be a group conversationId (cid…)';
}

function usersProblem(userIds: unknown): string | undefined {
  if (!isStringArray(userIds) || userIds.length === 0) return 'userIds must be a non-empty array of userIds';
  return userIds.length > MAX_BATCH_USERS ? `userIds takes at most ${MAX_BATCH_USERS} users` : undefined;
}
