import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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

  /** Makes `select 1` do what a frozen or vanished database does, for one /readyz call. */
  const probeWith = async (select1: () => Promise<never>) => {
    const connection = app.orm.em.getConnection();
    const original = connection.execute.bind(connection);
    const spy = vi
      .spyOn(connection, 'execute')
      .mockImplementation(((sql: string, ...rest: unknown[]) =>
        sql === 'select 1' ? select1() : (original as (...a: unknown[]) => unknown)(sql, ...rest)) as never);
    try {
      const started = performance.now();
      const res = await fetch(`${app.baseUrl}/readyz`);
      return { status: res.status, text: await res.text(), ms: performance.now() - started };
    } finally {
      spy.mockRestore();
    }
  };

  it('answers 503 within its bound when the database hangs, instead of hanging with it', async () => {
    const res = await probeWith(() => new Promise<never>(() => undefined));
    expect(res.status).toBe(503);
    expect(res.ms).toBeLessThan(3000);
    expect(JSON.parse(res.text)).toMatchObject({ status: 'not ready', reasons: ['database: timed out'] });
  });

  it('tells an anonymous caller only that the database is unreachable, not where it lives', async () => {
    const res = await probeWith(() => Promise.reject(new Error('connect ECONNREFUSED 10.20.30.40:3306')));
    expect(res.status).toBe(503);
    expect(JSON.parse(res.text)).toMatchObject({ reasons: ['database: unreachable'] });
    expect(res.text).not.toContain('10.20.30.40');
    expect(res.text).not.toContain('3306');
  });
});

describe('a client that declares a body and never sends it', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { HTTP_REQUEST_TIMEOUT_MS: '500' } });
  });
  afterAll(async () => {
    await app.stop();
  });

  it('has its socket closed once HTTP_REQUEST_TIMEOUT_MS has passed', async () => {
    const socket = connect(Number(new URL(app.baseUrl).port), '127.0.0.1');
    const started = performance.now();
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.write(
      'POST /api/v1/people/x HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' +
        'Content-Length: 500000\r\n\r\n{"name":"',
    );
    const closedAfter = await new Promise<number>((resolve) => {
      const giveUp = setTimeout(() => resolve(Infinity), 5000);
      socket.on('close', () => {
        clearTimeout(giveUp);
        resolve(performance.now() - started);
      });
    });
    socket.destroy();
    expect(closedAfter).toBeLessThan(2500);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
  });
});
