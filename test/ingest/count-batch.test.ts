import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayReading } from '../../src/ingest/gateway-reading.entity.js';
import { OperationTask } from '../../src/workorders/operation-task.entity.js';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import { startIngestWorld, type IngestWorld } from './world.js';

interface BatchAnswer {
  stored: number;
  duplicates: number;
  readings: Array<{ seq: number; state: string; duplicate: boolean; report: number | null }>;
}

/**
 * A gateway that buffered its PLC's counts posts them at once: WO-1 (100 shafts) runs on
 * CNC-01, dispatched to 张伟.
 */
describe('a batch of gateway counts over HTTP', () => {
  let w: IngestWorld;
  beforeAll(async () => {
    w = await startIngestWorld();
    await w.orderOnCnc01('WO-1', 100);
  });
  afterAll(() => w.stop());

  const em = () => w.orm.em.fork();
  const reports = () => em().find(WorkReport, {}, { orderBy: { id: 'asc' } });
  const task = () => em().findOneOrFail(OperationTask, { workOrder: { number: 'WO-1' }, sequence: 10 });
  const batch = (readings: unknown[]) => w.post('/equipment/cnc-01/counts/batch', { readings });

  it('books a batch out of order, with a repeat inside it, as one work report', async () => {
    const answer = await batch([
      { seq: 3, count: 5, device: 'PLC-7' },
      { seq: 1, count: 4, device: 'PLC-7' },
      { seq: 2, count: 6, scrap: 1, device: 'PLC-7' },
      { seq: 1, count: 4, device: 'PLC-7' },
    ]);
    expect(answer.status).toBe(201);
    const body = answer.json as unknown as BatchAnswer;
    const [report] = await reports();
    expect([body.stored, body.duplicates]).toEqual([3, 1]);
    expect(body.readings.map((r) => [r.seq, r.state, r.duplicate, r.report])).toEqual([
      [3, 'reported', false, report!.id],
      [1, 'reported', false, report!.id],
      [2, 'reported', false, report!.id],
      [1, 'reported', true, report!.id],
    ]);
    expect((await reports()).map((r) => [r.good, r.scrap, r.channel])).toEqual([[14, 1, 'gateway']]);
    expect(await em().count(GatewayReading)).toBe(3);
  });

  it('changes nothing for what was sent before, and books only the new counts of a replayed batch', async () => {
    await w.post('/equipment/CNC-01/counts', { seq: 5, count: 2, device: 'PLC-7' });
    const answer = await batch([
      { seq: 2, count: 6, scrap: 1, device: 'PLC-7' },
      { seq: 5, count: 2, device: 'PLC-7' },
      { seq: 4, count: 10, device: 'PLC-7' },
      { seq: 1, count: 3, device: 'PLC-9' },
    ]);
    const body = answer.json as unknown as BatchAnswer;
    expect([body.stored, body.duplicates]).toEqual([2, 2]);
    expect(body.readings.map((r) => [r.seq, r.duplicate])).toEqual([
      [2, true],
      [5, true],
      [4, false],
      [1, false],
    ]);
    expect((await reports()).map((r) => [r.good, r.scrap])).toEqual([
      [14, 1],
      [2, 0],
      [13, 0],
    ]);
    expect([(await task()).goodTotal, (await task()).scrapTotal]).toEqual([29, 1]);

    // The same batch again: nothing new anywhere.
    const again = await batch([
      { seq: 4, count: 10, device: 'PLC-7' },
      { seq: 1, count: 3, device: 'PLC-9' },
    ]);
    expect(again.json).toMatchObject({ stored: 0, duplicates: 2 });
    expect(await em().count(WorkReport)).toBe(3);
    expect(await em().count(GatewayReading)).toBe(6);
  });

  it('books a batch sent four times at once a single time, answering each', async () => {
    // InnoDB deadlocks such twins on the unique (device, seq) now and then; the loser is asked again.
    const readings = Array.from({ length: 20 }, (_, i) => ({ seq: 40 - i, count: 1, device: 'PLC-8' }));
    const answers = await Promise.all([1, 2, 3, 4].map(() => batch(readings)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    expect(answers.map((a) => a.json.stored).sort()).toEqual([0, 0, 0, 20]);
    expect((await reports()).map((r) => r.good)).toEqual([14, 2, 13, 20]);
    expect(await em().count(GatewayReading)).toBe(26);
  });

  it('refuses the whole batch when one count does not add up, or when it is too long, and stores nothing', async () => {
    const mismatch = await batch([
      { seq: 20, count: 5, device: 'PLC-7' },
      { seq: 21, count: 5, good: 4, scrap: 2, device: 'PLC-7' },
    ]);
    expect(mismatch).toMatchObject({ status: 422, json: { code: 'count_mismatch' } });
    const tooLong = Array.from({ length: 501 }, (_, i) => ({ seq: 100 + i, count: 1, device: 'PLC-7' }));
    expect((await batch(tooLong)).status).toBe(400);
    expect((await batch([])).status).toBe(400);
    expect((await w.post('/equipment/NOPE/counts/batch', { readings: [{ seq: 1, count: 1 }] })).status).toBe(
      404,
    );
    expect(await em().count(GatewayReading)).toBe(26);
    expect(await em().count(WorkReport)).toBe(4);
  });
});
