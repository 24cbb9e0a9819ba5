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
  /** The `If-Match` header as sent; a route that changes a record compares it (preconditions.ts). */
  ifMatch: string | undefined;
}

export interface ApiResponse {
  status?: number;
  body: unknown;
  /** Sent as the `ETag` header: the representation's version (preconditions.ts `etagOf`). */
  etag?: string;
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
  /** The success status, for the document: 201 for a create. */
  status?: 200 | 201;
  /** Query parameters it reads, name → JSON Schema, for the document. */
  query?: Record<string, Record<string, unknown>>;
  /** Answers carry an `ETag` (single-record reads and updates). */
  etag?: boolean;
  /** Refused with 428 without `If-Match`; the handler refuses a stale one with 412. */
  ifMatch?: 'required' | 'optional';
  /** A create that honours `Idempotency-Key` (idempotency.ts). */
  idempotent?: boolean;
  /** The media type of a success body that is not JSON (the handler returns a Buffer: a spreadsheet). */
  produces?: string;
  /** May refuse with 409 because of the data it finds (e.g. a code that names two records). */
  conflicts?: boolean;
  handle(request: ApiRequest<BODY>): Promise<ApiResponse>;
}

export function defineRoute<BODY>(route: ApiRoute<BODY>): ApiRoute<BODY> {
  return route;
}
