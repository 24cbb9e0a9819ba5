import type { EntityManager } from '@mikro-orm/core';
import type { AppServices } from '../../app-services.js';
import type { ApiKey } from './api-key.entity.js';

/** What a route handler gets: the validated input, its own unit of work, the calling key. */
export interface ApiRequest<BODY = unknown> {
  body: BODY;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  em: EntityManager;
  key: ApiKey;
  services: AppServices;
}

export interface ApiResponse {
  status?: number;
  body: unknown;
  /** The media type of a body that is not JSON (a Buffer: a spreadsheet, a file). */
  type?: string;
  /** Work that must see the change committed, e.g. checking whether new running hours made maintenance due. */
  afterCommit?: () => Promise<void>;
}

/**
 * One REST operation, declared once: the router, the scope check, the body validation and
 * the OpenAPI document all read this.
 */
export interface ApiRoute<BODY = unknown> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Koa-style path under /api/v1, e.g. `/equipment/:code/hours`. */
  path: string;
  /** One of the scopes its capability declares. */
  scope: string;
  summary: string;
  tag: string;
  /** JSON Schema of the request body (validated with ajv before the handler runs). */
  body?: Record<string, unknown>;
  /** JSON Schema of the 2xx response body, for the document. */
  response?: Record<string, unknown>;
  handle(request: ApiRequest<BODY>): Promise<ApiResponse>;
}

export function defineRoute<BODY>(route: ApiRoute<BODY>): ApiRoute<BODY> {
  return route;
}
