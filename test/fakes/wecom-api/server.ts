import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fixtureJson } from '../../support/fixtures.js';

/**
 * A fake of WeCom's server API (protocols/wecom.md §1, §2, §6, §8, §10) on loopback: tokens
 * that expire by the test's clock or are revoked early, the errcodes of the brief, the
 * silent drop over 30 messages a minute to one member, one-use response codes, message/send's
 * duplicate check (identical request JSON within the interval answers ok and is not delivered
 * again, wecom-media.md §3), injected failures, and a connection cut after the call was
 * accepted. Everything received is recorded.
 */
export interface FakeWecomOptions {
  corpId: string;
  secret: string;
  agentId: number;
  tokenTtlSeconds?: number;
  now?: () => number;
  robotKeys?: string[];
  /** Every answer waits this long, like a distant server. */
  latencyMs?: number;
}

export interface Recorded {
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown> | undefined;
  errcode: number;
  /** message/send over the per-member limit answers ok but delivers nothing (§2). */
  dropped: boolean;
  /** message/send with the duplicate check on, identical to one delivered within the interval. */
  duplicate: boolean;
  answer: Record<string, unknown>;
}

type Answer = Record<string, unknown> & { errcode: number };
/** media/get's success is the file itself, not JSON (wecom-media.md §1). */
type FileAnswer = Answer & { file?: { bytes: Buffer; contentType: string; name: string } };
/** wecom-media.md §1: "media_id有效期只有3天". */
const MEDIA_TTL_MS = 3 * 24 * 3_600_000;

/** WeCom's answers as recorded in test/fixtures/wecom-app; the fake puts in ids and times. */
const recordedAnswer = (name: string): Answer => fixtureJson<Answer>(`wecom-app/api-${name}.json`);
const ERRORS = fixtureJson<Record<string, Answer>>('wecom-app/api-errors.json');
/** One of the recorded error answers (§1, §2 and the pages of each API). */
function refused(name: string): Answer {
  const answer = ERRORS[name];
  if (!answer) throw new Error(`test/fixtures/wecom-app/api-errors.json has no ${name}`);
  return { ...answer };
}
const OK = recordedAnswer('ok');
const { response_code: _recordedCode, ...SENT } = recordedAnswer('message-send');

export interface FakeWecom {
  baseUrl: string;
  recorded: Recorded[];
  tokenCalls(): number;
  /** WeCom may revoke tokens before expires_in (§1). */
  revokeTokens(): void;
  /** The next `times` calls to `path` answer `errcode` (e.g. 45009, -1). */
  failNext(path: string, errcode: number, times?: number): void;
  delivered(path: string): Array<Record<string, unknown>>;
  /** How many message/send deliveries this member has actually received. */
  deliveriesTo(userId: string): number;
  /** The next `times` calls to `path` are handled in full, then the connection is cut unanswered. */
  cutAfterAccepting(path: string, times?: number): void;
  /** A file a member sent to the app: its MediaId, valid three days, for media/get. */
  addMedia(bytes: Buffer, contentType?: string): string;
  close(): Promise<void>;
}

const MEMBER_PER_MINUTE = 30;
const BLOCK_MS = 60_000;
const DEFAULT_DUPLICATE_CHECK_SECONDS = 1800;

export async function startFakeWecom(options: FakeWecomOptions): Promise<FakeWecom> {
  const now = options.now ?? Date.now;
  const ttl = (options.tokenTtlSeconds ?? 7200) * 1000;
  const tokens = new Map<string, number>();
  const failures = new Map<string, number[]>();
  const memberSends = new Map<string, number[]>();
  const responseCodes = new Map<string, { usedAt?: number; issuedAt: number }>();
  const taskIds = new Set<string>();
  const blockedUntil = new Map<string, number>();
  const chats = new Map<string, { chatid: string; name: string; owner: string; userlist: string[] }>();
  const recorded: Recorded[] = [];
  const deliveredJson = new Map<string, number>();
  const cuts = new Map<string, number>();
  let tokenCalls = 0;
  const media = new Map<string, { bytes: Buffer; contentType: string; at: number }>();

  /** The whole request JSON is the key (§3): any differing field makes a new message. */
  const isDuplicate = (body: Record<string, unknown>, raw: Buffer): boolean => {
    if (body.enable_duplicate_check !== 1) return false;
    const interval = Number(body.duplicate_check_interval ?? DEFAULT_DUPLICATE_CHECK_SECONDS) * 1000;
    const at = deliveredJson.get(raw.toString('utf8'));
    return at !== undefined && now() - at < interval;
  };

  const checkToken = (query: Record<string, string>): Answer | undefined => {
    const token = query.access_token;
    if (!token) return refused('accessTokenMissing');
    const expires = tokens.get(token);
    if (expires === undefined) return refused('invalidAccessToken');
    if (expires <= now()) return refused('accessTokenExpired');
    return undefined;
  };

  const routes: Record<
    string,
    (
      query: Record<string, string>,
      body: Record<string, unknown>,
      raw: Buffer,
    ) => FileAnswer & { dropped?: boolean; duplicate?: boolean }
  > = {
    // 40007 for an unknown id is documented; that an id past three days answers the same is UNCONFIRMED.
    '/cgi-bin/media/get': (query) => {
      const file = media.get(query.media_id ?? '');
      if (!file || now() - file.at > MEDIA_TTL_MS) return refused('invalidMediaId');
      return { errcode: 0, file: { ...file, name: `${query.media_id}.jpg` } };
    },
    '/cgi-bin/gettoken': (query) => {
      tokenCalls += 1;
      if (query.corpid !== options.corpId) return refused('invalidCorpId');
      if (query.corpsecret !== options.secret) return refused('invalidSecret');
      const token = randomBytes(24).toString('hex');
      tokens.set(token, now() + ttl);
      return { ...recordedAnswer('gettoken'), access_token: token, expires_in: ttl / 1000 };
    },
    '/cgi-bin/message/send': (_query, body, raw) => {
      if (isDuplicate(body, raw)) return { ...SENT, msgid: randomBytes(8).toString('hex'), duplicate: true };
      if (body.agentid !== options.agentId) return refused('invalidAgentId');
      const content = (body.text as { content?: string } | undefined)?.content;
      if (body.msgtype === 'text' && !content) return refused('emptyContent');
      if (body.msgtype === 'text' && Buffer.byteLength(content ?? '') > 2048)
        return refused('contentTooLarge');
      let responseCode: string | undefined;
      if (body.msgtype === 'template_card') {
        const card = body.template_card as { task_id?: string; card_type?: string };
        if (!card.task_id || !/^[0-9A-Za-z_\-@]{1,128}$/.test(card.task_id) || taskIds.has(card.task_id)) {
          return refused('invalidTaskId');
        }
        taskIds.add(card.task_id);
        if (card.card_type !== 'text_notice' && card.card_type !== 'news_notice') {
          responseCode = randomBytes(12).toString('hex');
          responseCodes.set(responseCode, { issuedAt: now() });
        }
      }
      const member = String(body.touser);
      const recent = (memberSends.get(member) ?? []).filter((t) => now() - t < 60_000);
      const dropped = recent.length >= MEMBER_PER_MINUTE;
      if (!dropped) {
        recent.push(now());
        deliveredJson.set(raw.toString('utf8'), now());
      }
      memberSends.set(member, recent);
      return {
        ...SENT,
        msgid: randomBytes(8).toString('hex'),
        dropped,
        ...(responseCode ? { response_code: responseCode } : {}),
      };
    },
    '/cgi-bin/message/update_template_card': (_query, body) => {
      const code = responseCodes.get(String(body.response_code));
      // §6.3: usable once, valid 24 h (the stricter of the documented lifetimes).
      if (!code || code.usedAt !== undefined || now() - code.issuedAt > 24 * 3_600_000) {
        return refused('invalidResponseCode');
      }
      code.usedAt = now();
      return { ...OK };
    },
    '/cgi-bin/appchat/create': (_query, body) => {
      const users = body.userlist as string[] | undefined;
      if (!Array.isArray(users) || users.length < 2) return refused('chatMemberCount');
      const chatid = typeof body.chatid === 'string' ? body.chatid : `wr${randomBytes(8).toString('hex')}`;
      chats.set(chatid, {
        chatid,
        name: String(body.name ?? ''),
        owner: String(body.owner ?? users[0]),
        userlist: users,
      });
      return { ...recordedAnswer('appchat-create'), chatid };
    },
    '/cgi-bin/appchat/update': (_query, body) => {
      const chat = chats.get(String(body.chatid));
      if (!chat) return refused('chatNotFound');
      const add = (body.add_user_list as string[] | undefined) ?? [];
      const del = new Set((body.del_user_list as string[] | undefined) ?? []);
      chat.userlist = [...chat.userlist.filter((u) => !del.has(u)), ...add];
      if (typeof body.name === 'string') chat.name = body.name;
      return { ...OK };
    },
    '/cgi-bin/appchat/get': (query) => {
      const chat = chats.get(query.chatid ?? '');
      if (!chat) return refused('chatNotFound');
      const answer = recordedAnswer('appchat-get');
      return { ...answer, chat_info: { ...(answer.chat_info as object), ...chat } };
    },
    '/cgi-bin/appchat/send': (_query, body) =>
      body.msgtype === 'template_card' ? refused('invalidMessageType') : { ...OK },
    '/cgi-bin/media/upload': () => ({
      ...recordedAnswer('media-upload'),
      media_id: `media-${randomBytes(6).toString('hex')}`,
      created_at: String(Math.floor(now() / 1000)),
    }),
    '/cgi-bin/webhook/send': (query) =>
      (options.robotKeys ?? []).includes(query.key ?? '') ? { ...OK } : refused('invalidWebhookKey'),
    '/cgi-bin/menu/create': (_query, body) => {
      const buttons = body.button as Array<{ name?: string; sub_button?: unknown[] }> | undefined;
      if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3)
        return refused('invalidMenuSize');
      return { ...OK };
    },
    '/cgi-bin/menu/delete': () => ({ ...OK }),
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams);
    const raw = await readBody(req);
    const isJson = (req.headers['content-type'] ?? '').includes('json');
    const body =
      isJson && raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : undefined;
    const answer = answerFor(url.pathname, query, body ?? {}, raw);
    const { dropped: _dropped, duplicate: _duplicate, file, ...visible } = answer;
    recorded.push({
      path: url.pathname,
      query,
      body,
      errcode: answer.errcode,
      dropped: answer.dropped === true,
      duplicate: answer.duplicate === true,
      answer: visible,
    });
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    const cut = cuts.get(url.pathname) ?? 0;
    if (cut > 0) {
      cuts.set(url.pathname, cut - 1);
      req.socket.destroy();
      return;
    }
    if (file) {
      res
        .writeHead(200, {
          'content-type': file.contentType,
          'content-disposition': `attachment; filename="${file.name}"`,
          'content-length': file.bytes.length,
        })
        .end(file.bytes);
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(visible));
  }

  function answerFor(
    path: string,
    query: Record<string, string>,
    body: Record<string, unknown>,
    raw: Buffer,
  ): FileAnswer & { dropped?: boolean; duplicate?: boolean } {
    const route = routes[path];
    if (!route) return { errcode: 404, errmsg: 'no such api (fake)' };
    const queued = failures.get(path);
    if (queued && queued.length > 0) {
      const errcode = queued.shift() as number;
      if (errcode === 45009) blockedUntil.set(path, now() + BLOCK_MS);
      return { errcode, errmsg: 'injected failure' };
    }
    if ((blockedUntil.get(path) ?? 0) > now()) return refused('frequencyLimit');
    if (path !== '/cgi-bin/gettoken' && path !== '/cgi-bin/webhook/send') {
      const refused = checkToken(query);
      if (refused) return refused;
    }
    if (path === '/cgi-bin/media/upload' && !raw.includes('name="media"')) return refused('invalidMedia');
    return route(query, body, raw);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    recorded,
    tokenCalls: () => tokenCalls,
    revokeTokens: () => tokens.clear(),
    failNext(path, errcode, times = 1) {
      failures.set(path, [...(failures.get(path) ?? []), ...Array<number>(times).fill(errcode)]);
    },
    delivered: (path) =>
      recorded
        .filter((r) => r.path === path && r.errcode === 0 && !r.dropped && !r.duplicate)
        .map((r) => r.body ?? {}),
    deliveriesTo: (userId) =>
      recorded.filter(
        (r) =>
          r.path === '/cgi-bin/message/send' &&
          r.errcode === 0 &&
          !r.dropped &&
          !r.duplicate &&
          r.body?.touser === userId,
      ).length,
    cutAfterAccepting(path, times = 1) {
      cuts.set(path, (cuts.get(path) ?? 0) + times);
    },
    addMedia(bytes, contentType = 'image/jpeg') {
      const id = `media-${randomBytes(12).toString('hex')}`;
      media.set(id, { bytes, contentType, at: now() });
      return id;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
