import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { personByIdentity } from '../../src/people/directory.js';
import { castYaml } from '../support/people.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('the REST API: keys, scopes, validation, OpenAPI', () => {
  let app: TestApp;
  let writer: string;
  let reader: string;
  beforeAll(async () => {
    app = await startTestApp({ factory: castYaml });
    writer = await createApiKey(app.orm.em.fork(), 'HR system', ['people:write'], app.clock.now());
    reader = await createApiKey(app.orm.em.fork(), 'board', ['outsourcing:read'], app.clock.now());
  });
  afterAll(async () => {
    await app.stop();
  });

  const put = (key: string | undefined, body: unknown) =>
    fetch(`${app.baseUrl}/api/v1/people/sunli`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      body: JSON.stringify(body),
    });

  it('binds a new person to their chat accounts, and the bot then knows them', async () => {
    const res = await put(writer, {
      name: '孙丽',
      roles: ['coordinator'],
      wecom: 'sunli',
      dingtalk: 'sunli-dt',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      id: 'sunli',
      name: '孙丽',
      roles: ['coordinator'],
      team: null,
      active: true,
      identities: { wecom: 'sunli', dingtalk: 'sunli-dt' },
    });
    expect((await personByIdentity(app.orm.em.fork(), 'dingtalk', 'sunli-dt'))?.name).toBe('孙丽');
  });

  it('moves an identity instead of duplicating it', async () => {
    await put(writer, { name: '孙丽', roles: ['coordinator'], wecom: 'sunli2' });
    const em = app.orm.em.fork();
    expect(await personByIdentity(em, 'wecom', 'sunli')).toBeUndefined();
    expect((await personByIdentity(em, 'wecom', 'sunli2'))?.id).toBe('sunli');
  });

  it('refuses a missing key, an unknown key and a key without the scope, with problem+json, changing nothing', async () => {
    const body = { name: '改名', roles: ['worker'] };
    const cases: Array<[string | undefined, number, string]> = [
      [undefined, 401, 'unauthenticated'],
      ['sfb_not-a-real-key', 401, 'invalid_api_key'],
      [reader, 403, 'missing_scope'],
    ];
    for (const [key, status, code] of cases) {
      const res = await put(key, body);
      expect(res.status).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
      expect(await res.json()).toMatchObject({ status, code });
    }
    expect((await personByIdentity(app.orm.em.fork(), 'wecom', 'sunli2'))?.name).toBe('孙丽');
  });

  it('refuses a body that breaks the schema, naming each problem', async () => {
    const res = await put(writer, { name: '', roles: ['boss'], shoeSize: 42 });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { code: string; errors: string[] };
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        'body: unknown field "shoeSize"',
        'body.name: must NOT have fewer than 1 characters',
      ]),
    );
  });

  it('publishes an OpenAPI document describing each route and its scope', async () => {
    const doc = (await (await fetch(`${app.baseUrl}/api/v1/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { 'x-required-scope': string }>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/people/{id}']?.put?.['x-required-scope']).toBe('people:write');
  });
});
