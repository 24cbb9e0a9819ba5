import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { fixtureJson } from '../../support/fixtures.js';
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
 * The platform's answers as recorded in test/fixtures/dingtalk (`api-<name>.json`): the fake
 * puts in its ids and times.
 */
export function recordedAnswer<T extends object = Record<string, unknown>>(name: string): T {
  return fixtureJson<T>(`dingtalk/api-${name}.json`);
}

interface RecordedError {
  status: number;
  body: Record<string, unknown>;
}

/**
 * The error answers of both hosts, recorded in test/fixtures/dingtalk/api-errors.json. §5.1 shows
 * new-API errors as HTTP status + `{"code":"InvalidAuthentication",…}`; the `requestid` field is
 * an assumption (not in the brief) so adapters that log it have something to log. Old-API errors
 * are assumed (UNCONFIRMED) to come with HTTP 200, the errcode carrying the failure.
 */
const RECORDED_ERRORS =
  fixtureJson<Record<ApiStyle, Record<string, RecordedError>>>('dingtalk/api-errors.json');

/** A recorded error answer; `message` replaces the recorded text where the fake says what was wrong. */
export function recordedError(style: ApiStyle, name: string, message?: string): ApiReply {
  const recorded = RECORDED_ERRORS[style][name];
  if (recorded === undefined)
    throw new Error(`test/fixtures/dingtalk/api-errors.json has no ${style}.${name}`);
  const body = { ...recorded.body };
  if (style === 'new') body.requestid = randomUUID();
  if (message !== undefined) body[style === 'new' ? 'message' : 'errmsg'] = message;
  return { status: recorded.status, body };
}

/** Validation failures. The exact codes DingTalk uses per field are UNCONFIRMED: adapters should not branch on them. */
export function invalidParameter(message: string): ApiReply {
  return recordedError('new', 'invalidParameter', message);
}

export type PlatformFailure = 'invalidToken' | 'qps' | 'monthlyQuota' | 'serverError';

/**
 * Failures raised by the platform gateway in front of every API, in the style of the host:
 * invalidToken §5.1, qps and monthlyQuota §6 (the monthly quota's HTTP status is UNCONFIRMED,
 * assumed 403 like the QPS rejection), serverError UNCONFIRMED (-1 "system busy" is the usual
 * old-API transient code).
 */
export function platformFailure(style: ApiStyle, failure: PlatformFailure): ApiReply {
  return recordedError(style, failure);
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
  const text =
    typeof reply.body === 'string' || Buffer.isBuffer(reply.body) ? reply.body : JSON.stringify(reply.body);
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
