import type { DingtalkSettings } from '../../config/env.js';
import type { Logger } from '../../shared/logger.js';
import type { AccessTokenCache, GrantedToken } from '../shared/access-token-cache.js';
import type { CallBudget } from './call-budget.js';
import { newApiOutcome, oldApiOutcome, type ApiOutcome } from './platform-answers.js';
import { describeNetworkError, neverConnected } from '../shared/network-errors.js';

export interface ApiRequest {
  /** `api`: new OpenAPI, token in a header; `oapi`: old API, token in the query (§1). */
  host: 'api' | 'oapi';
  method: 'POST' | 'PUT';
  path: string;
  json?: unknown;
  form?: FormData;
  /** Counts against the organisation's monthly quota (§6); token and gateway calls do not. */
  metered: boolean;
}

export interface DingtalkApiDeps {
  settings: DingtalkSettings;
  tokens: AccessTokenCache;
  budget: CallBudget;
  logger: Logger;
}

/** Long enough for a media upload from a factory line; short enough that a dead host frees the outbox. */
const TIMEOUT_MS = 15_000;

/**
 * The DingTalk OpenAPI as the adapter uses it: authenticated, each call reduced to an
 * ApiOutcome, a refused token renewed and the call tried once more (§5.1), metered calls counted.
 */
export class DingtalkApi {
  constructor(private readonly deps: DingtalkApiDeps) {}

  async call(request: ApiRequest): Promise<ApiOutcome> {
    const outcome = await this.deps.tokens.withToken<ApiOutcome>(
      (token) => this.exchangeWith(request, token),
      {
        refusesToken: (answer) => answer.kind === 'invalid_token',
        noToken: (error) => ({ kind: 'unavailable', error: `no DingTalk access token: ${messageOf(error)}` }),
      },
    );
    await this.account(request, outcome);
    return outcome;
  }

  /** §5.3: a session webhook needs no token and is not an OpenAPI call; it answers like the old API. */
  postToSession(url: string, body: unknown): Promise<ApiOutcome> {
    return exchange(url, jsonRequest('POST', body), 'old');
  }

  private exchangeWith(request: ApiRequest, token: string): Promise<ApiOutcome> {
    const { apiBase, oapiBase } = this.deps.settings;
    return request.host === 'api'
      ? exchange(`${apiBase}${request.path}`, withToken(request, token), 'new')
      : exchange(
          `${oapiBase}${request.path}?access_token=${encodeURIComponent(token)}`,
          request.form
            ? { method: request.method, body: request.form }
            : jsonRequest(request.method, request.json),
          'old',
        );
  }

  private async account(request: ApiRequest, outcome: ApiOutcome): Promise<void> {
    if (!request.metered) return;
    try {
      // A call the gateway let through counts, whatever the API then said; rejections do not (§6).
      if (outcome.kind === 'ok' || outcome.kind === 'refused' || outcome.kind === 'no_answer')
        await this.deps.budget.count();
      if (outcome.kind === 'quota_exhausted') await this.deps.budget.refusedByPlatform();
    } catch (error) {
      // The send itself is settled; failing it now would only make the outbox send it twice.
      this.deps.logger.error({ err: error, path: request.path }, 'DingTalk call budget could not be updated');
    }
  }
}

/** §5.1 new API: `{appKey, appSecret}` → `{accessToken, expireIn}`; exempt from the quota. */
export async function grantAccessToken(settings: DingtalkSettings): Promise<GrantedToken> {
  const outcome = await exchange(
    `${settings.apiBase}/v1.0/oauth2/accessToken`,
    jsonRequest('POST', { appKey: settings.clientId, appSecret: settings.clientSecret }),
    'new',
  );
  if (outcome.kind !== 'ok') throw new Error(`DingTalk refused an access token: ${outcome.error}`);
  const { accessToken, expireIn } = outcome.body;
  if (typeof accessToken !== 'string' || typeof expireIn !== 'number')
    throw new Error('DingTalk answered the token request without accessToken/expireIn');
  return { token: accessToken, expiresInSeconds: expireIn };
}

function jsonRequest(method: string, body: unknown): RequestInit {
  return {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body ?? {}),
  };
}

function withToken(request: ApiRequest, token: string): RequestInit {
  const init = jsonRequest(request.method, request.json);
  return {
    ...init,
    headers: { ...(init.headers as Record<string, string>), 'x-acs-dingtalk-access-token': token },
  };
}

async function exchange(url: string, init: RequestInit, style: 'new' | 'old'): Promise<ApiOutcome> {
  let status: number;
  let text: string;
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    status = response.status;
    text = await response.text();
  } catch (error) {
    return neverConnected(error)
      ? { kind: 'unavailable', error: `DingTalk unreachable: ${describeNetworkError(error)}` }
      : { kind: 'no_answer', error: `DingTalk gave no answer: ${describeNetworkError(error)}` };
  }
  const body = parseLeniently(text);
  return style === 'new' ? newApiOutcome(status, body) : oldApiOutcome(status, body);
}

function parseLeniently(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
