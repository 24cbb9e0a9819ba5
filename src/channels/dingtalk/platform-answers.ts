import { DeliveryUnknownError, type DeliveryResult } from '../../chat/channel.js';

/**
 * What a DingTalk API answered, reduced to what the caller does next. Codes and statuses are
 * those of protocols/dingtalk.md §5.1 and §6; the new API (api host) answers with an HTTP
 * status and `{code, message}`, the old one (oapi host) with `{errcode, errmsg}`.
 */
export type ApiOutcome =
  | { kind: 'ok'; body: Record<string, unknown> }
  | { kind: 'invalid_token'; error: string }
  | { kind: 'throttled'; error: string; retryAfterMs: number }
  | { kind: 'quota_exhausted'; error: string }
  /** The platform understood and said no: sending the same again would fail the same way. */
  | { kind: 'refused'; error: string }
  /** Nothing sure came back (network, 5xx): it may work later. */
  | { kind: 'unavailable'; error: string }
  /** The request may have been written but no answer came (timeout, reset): it may have worked. */
  | { kind: 'no_answer'; error: string };

/** §6: QPS rejections happen at the gateway and are safe to retry after about a second. */
export const QPS_RETRY_MS = 1_000;
/** UNCONFIRMED how long robot-send flow control lasts; a minute matches the per-minute robot limits. */
export const FLOW_CONTROL_RETRY_MS = 60_000;
/** §6: an IP that sends 10,000 calls in 20 s is banned for five minutes. */
const IP_BAN_RETRY_MS = 5 * 60_000;

const NEW_API_QPS_CODES = [
  'Forbidden.AccessDenied.QpsLimitForAppkeyAndApi',
  'Forbidden.AccessDenied.QpsLimitForApi',
];
const NEW_API_QUOTA_CODE = 'Forbidden.AccessDenied.ApiCountLimitForOrg';
/** §6: 90018 per app per API, 90002 global per API, 90006 per app per minute. */
const OLD_API_QPS_ERRCODES = [90018, 90002, 90006];
const OLD_API_QUOTA_ERRCODE = 90020;
/** §7: "send too fast" of the custom robot, assumed for session webhooks too (§5.3, UNCONFIRMED). */
const ROBOT_TOO_FAST_ERRCODE = 130101;
/** §5.1: 40014 invalid token; 42001 (expired token) is UNCONFIRMED for DingTalk but common in its family. */
const OLD_API_TOKEN_ERRCODES = [40014, 42001];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** §6: the IP ban answers with a non-API body like `{"status":1111,"wait":5,"punish":"deny"}` (UNCONFIRMED shape). */
function ipBan(body: unknown): ApiOutcome | undefined {
  return isRecord(body) && body.punish !== undefined
    ? {
        kind: 'throttled',
        error: `IP throttled by DingTalk: ${JSON.stringify(body)}`,
        retryAfterMs: IP_BAN_RETRY_MS,
      }
    : undefined;
}

export function newApiOutcome(status: number, body: unknown): ApiOutcome {
  const banned = ipBan(body);
  if (banned) return banned;
  const code = isRecord(body) && typeof body.code === 'string' ? body.code : '';
  const error = `HTTP ${status} ${code} ${isRecord(body) ? String(body.message ?? '') : String(body)}`.trim();
  if (status >= 200 && status < 300) return { kind: 'ok', body: isRecord(body) ? body : {} };
  if (status === 401 || code === 'InvalidAuthentication') return { kind: 'invalid_token', error };
  if (NEW_API_QPS_CODES.includes(code) || status === 429)
    return { kind: 'throttled', error, retryAfterMs: QPS_RETRY_MS };
  if (code === NEW_API_QUOTA_CODE) return { kind: 'quota_exhausted', error };
  if (status >= 500) return { kind: 'unavailable', error };
  return { kind: 'refused', error };
}

export function oldApiOutcome(status: number, body: unknown): ApiOutcome {
  const banned = ipBan(body);
  if (banned) return banned;
  if (!isRecord(body) || typeof body.errcode !== 'number')
    return { kind: 'unavailable', error: `HTTP ${status} without an errcode: ${String(body).slice(0, 200)}` };
  const { errcode } = body;
  const error = `errcode ${errcode} ${String(body.errmsg ?? '')}`.trim();
  if (errcode === 0) return { kind: 'ok', body };
  if (OLD_API_TOKEN_ERRCODES.includes(errcode)) return { kind: 'invalid_token', error };
  if (OLD_API_QPS_ERRCODES.includes(errcode)) return { kind: 'throttled', error, retryAfterMs: QPS_RETRY_MS };
  if (errcode === ROBOT_TOO_FAST_ERRCODE)
    return { kind: 'throttled', error, retryAfterMs: FLOW_CONTROL_RETRY_MS };
  if (errcode === OLD_API_QUOTA_ERRCODE) return { kind: 'quota_exhausted', error };
  // UNCONFIRMED: -1 "system busy" is the usual transient answer of the old API.
  if (errcode === -1 || status >= 500) return { kind: 'unavailable', error };
  return { kind: 'refused', error };
}

/** How the outbox should treat a send that did not go through. */
export function deliveryFailure(outcome: Exclude<ApiOutcome, { kind: 'ok' }>): DeliveryResult {
  switch (outcome.kind) {
    case 'throttled':
      return { ok: false, retryable: true, error: outcome.error, retryAfterMs: outcome.retryAfterMs };
    case 'invalid_token':
    case 'unavailable':
      return { ok: false, retryable: true, error: outcome.error };
    case 'quota_exhausted':
      // The quota comes back on the 1st of next month; a message held that long is no longer news.
      return { ok: false, retryable: false, error: `monthly DingTalk API quota exhausted: ${outcome.error}` };
    case 'refused':
      return { ok: false, retryable: false, error: outcome.error };
    case 'no_answer':
      // DingTalk has no duplicate check: a resend could say it twice, so a person decides.
      throw new DeliveryUnknownError(outcome.error, undefined);
  }
}
