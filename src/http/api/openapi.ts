import type { ApiRoute } from './api-route.js';

const problem = {
  description: 'Problem details (RFC 9457)',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

/** The OpenAPI 3.1 document, built from the same route declarations the router serves. */
export function openApiDocument(routes: ReadonlyArray<ApiRoute<never>>): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const parameters = [...route.path.matchAll(/:(\w+)/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    }));
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
        responses: {
          '200': {
            description: 'OK',
            ...(route.response ? { content: { 'application/json': { schema: route.response } } } : {}),
          },
          '400': problem,
          '401': problem,
          '403': problem,
          '404': problem,
          '422': problem,
        },
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
