import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('health, readiness and error responses', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('is alive and ready once migrations are applied, and tags the response with a request id', async () => {
    const health = await fetch(`${app.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(health.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const ready = await fetch(`${app.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', reasons: [] });
  });

  it('keeps a sane request id given by a proxy', async () => {
    const res = await fetch(`${app.baseUrl}/healthz`, { headers: { 'X-Request-Id': 'proxy-req-12345' } });
    expect(res.headers.get('x-request-id')).toBe('proxy-req-12345');
  });

  it('answers unknown API routes with problem+json', async () => {
    const res = await fetch(`${app.baseUrl}/api/v1/nothing-here`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await res.json()).toMatchObject({
      status: 404,
      code: 'not_found',
      instance: '/api/v1/nothing-here',
    });
  });

  it('refuses a body over the limit with 413 and stays healthy', async () => {
    const res = await fetch(`${app.baseUrl}/api/v1/anything`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ blob: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'payload_too_large' });
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
  });

  it('is not ready, and names the migration, when the code has a migration the database lacks', async () => {
    const connection = app.orm.em.getConnection();
    const [last] = await connection.execute<Array<{ id: number; name: string; executed_at: unknown }>>(
      'select * from mikro_orm_migrations order by id desc limit 1',
    );
    await connection.execute('delete from mikro_orm_migrations where id = ?', [last?.id]);
    try {
      const res = await fetch(`${app.baseUrl}/readyz`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { reasons: string[] };
      expect(body.reasons).toEqual([`migrations: pending migrations: ${last?.name}`]);
    } finally {
      await connection.execute('insert into mikro_orm_migrations (id, name, executed_at) values (?, ?, ?)', [
        last?.id,
        last?.name,
        last?.executed_at,
      ]);
    }
    expect((await fetch(`${app.baseUrl}/readyz`)).status).toBe(200);
  });
});
