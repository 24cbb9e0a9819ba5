import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { FailureKind } from './types.js';

/** The new API (api host) answers with HTTP status + `{code, message}`; the old one (oapi) with `{errcode, errmsg}`. */
export type ApiStyle = 'new' | 'old';

export interface ApiReply {
  status: number;
  body: unknown;
  contentType?: string;
  /** The platform acted but the caller never hears: the socket is dropped instead of answered. */
  cut?: boolean;
}

export interface RouteRequest {
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** A failure a test queued with `failNext` that the route itself must act out (flow control). */
  injected: FailureKind | undefined;
}

export type RouteHandler = (request: RouteRequest) => ApiReply;

export function ok(body: unknown): ApiReply {
  return { status: 200, body };
}

/**
 * §5.1 shows new-API errors as `{"code":"InvalidAuthentication",…}`. The `requestid` field is
 * an assumption (not in the brief) so adapters that log it have something to log.
 */
export function newApiError(status: number, code: string, message: string): ApiReply {
  return { status, body: { code, message, requestid: randomUUID() } };
}

/** UNCONFIRMED: old-API errors are assumed to come with HTTP 200, the errcode carrying the failure. */
export function oldApiError(errcode: number, errmsg: string): ApiReply {
  return { status: 200, body: { errcode, errmsg } };
}

/** Validation failures. The exact codes DingTalk uses per field are UNCONFIRMED: adapters should not branch on them. */
export function invalidParameter(message: string): ApiReply {
  return newApiError(400, 'InvalidParameter', message);
}

export type PlatformFailure = 'invalidToken' | 'qps' | 'monthlyQuota' | 'serverError';

/** Failures raised by the platform gateway in front of every API, in the style of the host. */
export function platformFailure(style: ApiStyle, failure: PlatformFailure): ApiReply {
  switch (failure) {
    case 'invalidToken': // §5.1
      return style === 'new'
        ? newApiError(401, 'InvalidAuthentication', '不合法的access_token')
        : oldApiError(40014, '不合法的access_token');
    case 'qps': // §6
      return style === 'new'
        ? newApiError(403, 'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi', 'qps limit for appkey and api')
        : oldApiError(90018, '当前应用调用该接口的并发量超过限制');
    case 'monthlyQuota': // §6; the HTTP status is UNCONFIRMED, assumed 403 like the QPS rejection
      return style === 'new'
        ? newApiError(403, 'Forbidden.AccessDenied.ApiCountLimitForOrg', 'api count limit for org')
        : oldApiError(90020, '当前企业调用次数已达到本月上限');
    case 'serverError': // UNCONFIRMED shapes; -1 "system busy" is the usual old-API transient code
      return style === 'new'
        ? newApiError(500, 'ServiceUnavailable', 'service unavailable, retry later')
        : { status: 500, body: { errcode: -1, errmsg: '系统繁忙' } };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** True when every value of a card param map is a string (§5.4: "all values strings"). */
export function isStringMap(value: unknown): value is Record<string, string> {
  return isRecord(value) && Object.values(value).every((v) => typeof v === 'string');
}

const MAX_BODY_BYTES = 20 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large for the fake');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** JSON bodies are parsed; anything else (multipart, broken JSON) stays raw for the route to judge. */
export function parseJsonBody(raw: Buffer, contentType: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  if (!contentType?.includes('json')) return raw;
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return raw.toString('utf8');
  }
}

export function writeReply(res: ServerResponse, reply: ApiReply): void {
  if (reply.cut) {
    res.socket?.destroy();
    return;
  }
  const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'Content-Type': reply.contentType ?? 'application/json;charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
