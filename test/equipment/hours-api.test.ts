import { unitOf } from '../../src/app-services.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Equipment } from '../../src/equipment/equipment.entity.js';
import { addRunningMinutes } from '../../src/equipment/hours-service.js';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { startWorld, type World } from './world.js';

describe('POST /api/v1/equipment/:code/hours (gateway readings)', () => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => {
    await world.stop();
  });
  const minutesOf = async (code: string) =>
    (await world.orm.em.fork().findOneOrFail(Equipment, code)).runningMinutes;
  const counter = () => minutesOf('EXT-01');

  it('takes an absolute counter and an increment, and answers with the counter', async () => {
    const absolute = await world.postHours('EXT-01', { hours: 120.5 });
    expect(absolute.status).toBe(200);
    expect(await absolute.json()).toEqual({ code: 'EXT-01', runningHours: 120.5, status: 'running' });
    const increment = await world.postHours('ext-01', { increment: 2.25 });
    expect(await increment.json()).toMatchObject({ runningHours: 122.75 });
    expect(await counter()).toBe(122.75 * 60);
    // The same counter again is not going backwards.
    expect((await world.postHours('EXT-01', { hours: 122.75 })).status).toBe(200);
  });

  it('refuses a counter that goes backwards with problem+json, and changes nothing', async () => {
    const before = await counter();
    const response = await world.postHours('EXT-01', { hours: 100 });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({
      status: 422,
      code: 'counter_backwards',
      equipment: 'EXT-01',
      currentHours: before / 60,
      readingHours: 100,
    });
    expect(await counter()).toBe(before);
  });

  it('answers in hours to two decimals, never a long fraction of minutes', async () => {
    // 6431 h 4 min on the meter: 6431.066666… h unrounded.
    expect((await world.postHours('EXT-01', { hours: 6431 })).status).toBe(200);
    const increment = await world.postHours('EXT-01', { increment: 4 / 60 });
    expect(await increment.json()).toEqual({ code: 'EXT-01', runningHours: 6431.07, status: 'running' });
    expect(await counter()).toBe(385_864);
    const backwards = await world.postHours('EXT-01', { hours: 6000 });
    expect(await backwards.json()).toMatchObject({
      currentHours: 6431.07,
      detail:
        'The running-hours counter of EXT-01 is at 6431.07 h; a reading of 6000 h would move it backwards.',
    });
  });

  it('refuses unknown equipment, a bad key, a key without the scope and a malformed body', async () => {
    const before = await counter();
    const unknown = await world.postHours('NOPE-1', { hours: 10 });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: 'not_found' });
    expect((await world.postHours('EXT-01', { hours: 9999 }, 'sfb_not-a-real-key')).status).toBe(401);
    const reader = await createApiKey(world.orm.em.fork(), 'screen', ['outsourcing:read'], world.clock.now());
    expect((await world.postHours('EXT-01', { hours: 9999 }, reader)).status).toBe(403);
    for (const body of [
      { hours: 9999, increment: 1 },
      { increment: -5 },
      { increment: 0 },
      { hours: 'many' },
      {},
    ]) {
      const response = await world.postHours('EXT-01', body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 'validation_failed' });
    }
    expect(await counter()).toBe(before);
  });

  it('once a gateway reports a machine, work reports no longer move its counter (the meter is the truth)', async () => {
    const em = world.orm.em.fork();
    const metered = await em.findOneOrFail(Equipment, 'EXT-01');
    const reported = await em.findOneOrFail(Equipment, 'CNC-01');
    expect([metered.hoursSource, reported.hoursSource]).toEqual(['gateway', 'reports']);
    const [meterBefore, reportsBefore] = [metered.runningMinutes, reported.runningMinutes];
    const deps = unitOf(world.services, em);
    await addRunningMinutes(deps, metered, 45);
    await addRunningMinutes(deps, reported, 45);
    expect([await minutesOf('EXT-01'), await minutesOf('CNC-01')]).toEqual([meterBefore, reportsBefore + 45]);
  });

  it('adds what two units of work that read the machine at the same time each report', async () => {
    // Reports on two orders hold different order locks: both may read the counter before either writes.
    const before = await minutesOf('CNC-01');
    const units = await Promise.all(
      [30, 45].map(async (minutes) => {
        const em = world.orm.em.fork();
        return { em, minutes, machine: await em.findOneOrFail(Equipment, 'CNC-01') };
      }),
    );
    for (const { em, minutes, machine } of units) {
      await addRunningMinutes(unitOf(world.services, em), machine, minutes);
      await em.flush();
    }
    expect(await minutesOf('CNC-01')).toBe(before + 75);
  });

  it('is described in the OpenAPI document under its scope', async () => {
    const doc = (await (await fetch(`${world.baseUrl}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths)).toContain('/equipment/{code}/hours');
  });
});
