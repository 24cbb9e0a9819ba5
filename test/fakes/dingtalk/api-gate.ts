import type { IncomingHttpHeaders } from 'node:http';
import { headerValue, platformFailure, type ApiReply } from './http-kit.js';
import type { Route } from './routes.js';
import { FailureInjector, MonthlyQuota, SlidingWindowLimiter } from './throttle.js';
import type { TokenStore } from './tokens.js';
import type { FailureKind } from './types.js';

export interface ApiGateConfig {
  tokens: TokenStore;
  now: () => number;
  qpsLimit: number;
  monthlyQuota: number | undefined;
}

/**
 * What the platform checks before an API sees a request: injected failures first, then the
 * access token, the per-API QPS limit and the org's monthly quota (§5.1, §6).
 */
export class ApiGate {
  private readonly failures = new FailureInjector();
  private readonly qps: SlidingWindowLimiter;
  private readonly quota: MonthlyQuota;

  constructor(
    private readonly routes: readonly Route[],
    private readonly config: ApiGateConfig,
  ) {
    // One app per fake, so "per app per API" (§6) is per API here.
    this.qps = new SlidingWindowLimiter(config.qpsLimit, 1000, config.now);
    this.quota = new MonthlyQuota(config.monthlyQuota, config.now);
  }

  failNext(path: string, kind: FailureKind, times: number): void {
    const route = this.routes.find((r) => r.path === path);
    if (route === undefined) throw new Error(`fake DingTalk: no API at ${path}`);
    if (kind === 'flowControl' && !route.flowControl)
      throw new Error(
        `fake DingTalk: ${path} has no flow-control answer; use it on batchSend or the session webhook`,
      );
    this.failures.add(path, kind, times);
  }

  get callsThisMonth(): number {
    return this.quota.usedThisMonth;
  }

  pass(route: Route, query: URLSearchParams, headers: IncomingHttpHeaders, body: unknown): ApiReply {
    const injected = this.failures.take(route.path);
    if (injected === 'cutAfterAccepting')
      return { ...route.handle({ query, headers, body, injected: undefined }), cut: true };
    if (injected !== undefined && injected !== 'flowControl') return platformFailure(route.style, injected);
    if (route.auth !== 'none' && !this.config.tokens.isValid(tokenOf(route, query, headers)))
      return platformFailure(route.style, 'invalidToken');
    if (route.throttled && !this.qps.tryAdmit(`${route.method} ${route.path}`))
      return platformFailure(route.style, 'qps');
    if (route.metered && !this.quota.tryConsume()) return platformFailure(route.style, 'monthlyQuota');
    return route.handle({ query, headers, body, injected });
  }
}

function tokenOf(route: Route, query: URLSearchParams, headers: IncomingHttpHeaders): string | undefined {
  return route.auth === 'header'
    ? headerValue(headers, 'x-acs-dingtalk-access-token')
    : (query.get('access_token') ?? undefined);
}
