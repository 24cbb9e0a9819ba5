import type { ApiRoute } from './api-route.js';

const problem = {
  description: 'Problem details (RFC 9457)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

const etagHeader = {
  ETag: { description: 'Version of the record; send it back as If-Match', schema: { type: 'string' } },
};

function headerParameters(route: ApiRoute<never>): Array<Record<string, unknown>> {
  return [
    ...(route.ifMatch
      ? [
          {
            name: 'If-Match',
            in: 'header',
            required: route.ifMatch === 'required',
            description:
              'ETag of the record as you read it: 412 when it changed since, 428 when required and missing',
            schema: { type: 'string' },
          },
        ]
      : []),
    ...(route.idempotent
      ? [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: false,
            description:
              'Sending the same request again with the same key within 24 h returns the first answer (with Idempotent-Replayed: true); the same key with another body is 422',
            schema: { type: 'string', minLength: 1, maxLength: 128 },
          },
        ]
      : []),
  ];
}

function responsesOf(route: ApiRoute<never>): Record<string, unknown> {
  const success = String(route.status ?? 200);
  const headers = {
    ...(route.etag ? etagHeader : {}),
    ...(route.idempotent
      ? {
          'Idempotent-Replayed': {
            description: 'true when this is a stored answer',
            schema: { type: 'string' },
          },
        }
      : {}),
  };
  return {
    [success]: {
      description: success === '201' ? 'Created' : 'OK',
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      ...(route.produces
        ? { content: { [route.produces]: { schema: { type: 'string', format: 'binary' } } } }
        : route.response
          ? { content: { 'application/json': { schema: route.response } } }
          : {}),
    },
    '400': problem,
    '401': problem,
    '403': problem,
    '404': problem,
    ...(route.idempotent || route.conflicts ? { '409': problem } : {}),
    ...(route.ifMatch ? { '412': problem } : {}),
    '422': problem,
    ...(route.ifMatch === 'required' ? { '428': problem } : {}),
  };
}

/** The OpenAPI 3.1 document, built from the same route declarations the router serves. */
export function openApiDocument(routes: ReadonlyArray<ApiRoute<never>>): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const parameters = [
      ...[...route.path.matchAll(/:(\w+)/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...Object.entries(route.query ?? {}).map(([name, schema]) => ({ name, in: 'query', schema })),
      ...headerParameters(route),
    ];
    paths[path] = {
      ...paths[path],
      [route.method]: {
        summary: route.summary,
        tags: [route.tag],
        security: [{ apiKey: [route.scope] }],
        'x-required-scope': route.scope,
        ...(parameters.length > 0 ? { parameters } : {}),
        ...(route.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: route.body } } } }
          : {}),
        responses: responsesOf(route),
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'shopfloor-bot API',
      version: '1',
      description:
        'Master data from the ERP, production facts out, gateway readings in. Authenticate with `Authorization: Bearer <key>`; ' +
        'create keys with `npm run api-key -- create <name> --scopes <scope,…>`. Errors are application/problem+json.',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Problem: {
          type: 'object',
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            code: { type: 'string' },
            userMessage: { type: 'string', description: 'The same refusal in Chinese, as chat users see it' },
          },
        },
      },
    },
    paths,
  };
}
