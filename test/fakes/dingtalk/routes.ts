import type { CardApi } from './card-api.js';
import {
  headerValue,
  invalidParameter,
  isRecord,
  ok,
  recordedAnswer,
  recordedError,
  type ApiReply,
  type ApiStyle,
  type RouteHandler,
  type RouteRequest,
} from './http-kit.js';
import { FILE_PATH, type MediaApi } from './media-api.js';
import type { RobotApi } from './robot-api.js';
import type { StreamGateway } from './stream-gateway.js';
import type { TokenStore } from './tokens.js';
import type { ResolvedOptions, Subscription } from './types.js';

export const GATEWAY_PATH = '/v1.0/gateway/connections/open';
export const NEW_TOKEN_PATH = '/v1.0/oauth2/accessToken';
export const OLD_TOKEN_PATH = '/gettoken';
export const SESSION_WEBHOOK_PATH = '/robot/sendBySession';

export interface Route {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  style: ApiStyle;
  /** Where the access token travels (§1): new API in a header, old API in the query. */
  auth: 'header' | 'query' | 'none';
  /** Counts against the monthly quota (§6); token APIs are exempt. */
  metered: boolean;
  /** Subject to the per-app per-API QPS limit (§6). */
  throttled: boolean;
  /** Can act out an injected 'flowControl' failure. */
  flowControl: boolean;
  handle: RouteHandler;
}

export interface Platform {
  options: ResolvedOptions;
  tokens: TokenStore;
  stream: StreamGateway;
  robot: RobotApi;
  cards: CardApi;
  media: MediaApi;
  /** `ws://127.0.0.1:<port>/connect` */
  streamEndpoint: () => string;
}

type RouteSpec = Pick<Route, 'method' | 'path' | 'handle'> & Partial<Route>;

function newApi(spec: RouteSpec): Route {
  return { style: 'new', auth: 'header', metered: true, throttled: true, flowControl: false, ...spec };
}

function oldApi(spec: RouteSpec): Route {
  return { style: 'old', auth: 'query', metered: true, throttled: true, flowControl: false, ...spec };
}

/** Both hosts on one server: their paths do not collide, so one table serves api and oapi. */
export function buildRoutes(platform: Platform): Route[] {
  const { robot, cards, media } = platform;
  return [
    // UNCONFIRMED whether the gateway counts against the monthly quota; like the token APIs it trades credentials.
    newApi({
      method: 'POST',
      path: GATEWAY_PATH,
      auth: 'none',
      metered: false,
      handle: openConnection(platform),
    }),
    newApi({
      method: 'POST',
      path: NEW_TOKEN_PATH,
      auth: 'none',
      metered: false,
      handle: oauth2Token(platform),
    }),
    oldApi({
      method: 'GET',
      path: OLD_TOKEN_PATH,
      auth: 'none',
      metered: false,
      handle: oldApiToken(platform),
    }),
    newApi({ method: 'POST', path: '/v1.0/robot/groupMessages/send', handle: robot.sendToGroup }),
    newApi({
      method: 'POST',
      path: '/v1.0/robot/oToMessages/batchSend',
      flowControl: true,
      handle: robot.sendToUsers,
    }),
    newApi({ method: 'POST', path: '/v1.0/card/instances/createAndDeliver', handle: cards.createAndDeliver }),
    newApi({ method: 'PUT', path: '/v1.0/card/instances', handle: cards.update }),
    oldApi({ method: 'POST', path: '/media/upload', handle: media.upload }),
    newApi({ method: 'POST', path: '/v1.0/robot/messageFiles/download', handle: media.download }),
    newApi({
      method: 'GET',
      path: FILE_PATH,
      auth: 'none',
      metered: false,
      throttled: false,
      handle: media.file,
    }),
    // §5.3: the session webhook needs no token and is not an OpenAPI call; it has its own limit.
    oldApi({
      method: 'POST',
      path: SESSION_WEBHOOK_PATH,
      auth: 'none',
      metered: false,
      throttled: false,
      flowControl: true,
      handle: robot.replyBySession,
    }),
  ];
}

function credentialsMatch(options: ResolvedOptions, id: unknown, secret: unknown): boolean {
  return id === options.clientId && secret === options.clientSecret;
}

/** UNCONFIRMED: the answer to wrong credentials on the new API; HTTP 400 with this code is the plausible guess. */
function wrongCredentials(): ApiReply {
  return recordedError('new', 'wrongCredentials');
}

/** §2.1: register a Stream connection and get a one-time ticket. */
function openConnection(platform: Platform): RouteHandler {
  return ({ headers, body }: RouteRequest): ApiReply => {
    if (!isRecord(body) || !credentialsMatch(platform.options, body.clientId, body.clientSecret))
      return wrongCredentials();
    const subscriptions = body.subscriptions;
    const problem = subscriptionsProblem(subscriptions);
    if (problem !== undefined) return invalidParameter(problem);
    const ua = typeof body.ua === 'string' ? body.ua : '';
    const ticket = platform.stream.issueTicket(subscriptions as Subscription[], ua);
    const endpoint = platform.streamEndpoint();
    // §2.1: without `Accept: application/json` the gateway answers XML (the exact XML is UNCONFIRMED).
    if (!headerValue(headers, 'accept')?.includes('application/json'))
      return {
        status: 200,
        contentType: 'application/xml;charset=utf-8',
        body: `<?xml version="1.0" encoding="UTF-8"?><OpenConnectionResponse><endpoint>${endpoint}</endpoint><ticket>${ticket}</ticket></OpenConnectionResponse>`,
      };
    return ok({ ...recordedAnswer('gateway-connections-open'), endpoint, ticket });
  };
}

function subscriptionsProblem(subscriptions: unknown): string | undefined {
  if (!Array.isArray(subscriptions) || subscriptions.length === 0)
    return 'subscriptions must be a non-empty array';
  for (const s of subscriptions as unknown[]) {
    if (!isRecord(s) || typeof s.topic !== 'string') return 'each subscription needs {type, topic}';
    if (s.type === 'EVENT' && s.topic !== '*') return 'EVENT subscriptions only allow topic "*"';
    if (s.type !== 'EVENT' && s.type !== 'CALLBACK') return 'subscription type must be EVENT or CALLBACK';
  }
  return undefined;
}

/** §5.1 new API: `{appKey, appSecret}` → `{accessToken, expireIn}`. */
function oauth2Token(platform: Platform): RouteHandler {
  return ({ body }: RouteRequest): ApiReply => {
    if (!isRecord(body) || !credentialsMatch(platform.options, body.appKey, body.appSecret))
      return wrongCredentials();
    const { token, expiresIn } = platform.tokens.grant();
    return ok({ ...recordedAnswer('oauth2-access-token'), accessToken: token, expireIn: expiresIn });
  };
}

/** §5.1 old API: `?appkey&appsecret` → `{errcode:0, access_token, expires_in}`; errcode 40089 for bad keys is UNCONFIRMED. */
function oldApiToken(platform: Platform): RouteHandler {
  return ({ query }: RouteRequest): ApiReply => {
    if (!credentialsMatch(platform.options, query.get('appkey'), query.get('appsecret')))
      return recordedError('old', 'wrongCredentials');
    const { token, expiresIn } = platform.tokens.grant();
    return ok({ ...recordedAnswer('gettoken'), access_token: token, expires_in: expiresIn });
  };
}
