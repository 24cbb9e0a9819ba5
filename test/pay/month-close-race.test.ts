import type { EntityManager } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitOf } from '../../src/app-services.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { writeTransaction } from '../../src/db/locking.js';
import { createApiKey } from '../../src/http/api/api-keys.js';
import { closeMonth } from '../../src/pay/month/close-month.js';
import { PayStatement } from '../../src/pay/month/pay-statement.entity.js';
import { PayEntry } from '../../src/pay/pay-entry.entity.js';
import { correctReport } from '../../src/workorders/correction-service.js';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import { testDatabaseKind } from '../support/database.js';
import { startDemoApp, type DemoApp } from '../support/demo-app.js';
import { withoutDemoPay } from './unpriced-demo.js';

const texts = (replies: OutboundContent[]) =>
  replies.map((r) => (r.kind === 'text' ? r.text : `<${r.kind}>`));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * 车削 of SHF-200 pays ¥0.50. A correction and the month's close race on MariaDB's row lock on
 * the pay month: whichever takes it first, the other waits, and the correction's money is
 * either in the closed month's statements or in the next month — never in neither.
 */
describe.skipIf(testDatabaseKind() === 'sqlite')(
  '结算 against a correction committing at the same time (SQLite lets one writer in at a time, so they cannot overlap there)',
  () => {
    let app: DemoApp;
    const at = (iso: string) => app.clock.set(iso);
    const supervisor = () => ({
      person: { id: 'lijianguo', name: '李建国', roles: ['supervisor' as const], teamId: undefined },
      channel: 'console',
      inboundEventId: null,
      at: app.clock.now(),
    });
    /** Runs `work` in a transaction of its own and holds it open until the returned release. */
    const holdOpen = async (work: (tx: EntityManager) => Promise<unknown>) => {
      let release = () => {};
      const released = new Promise<void>((resolve) => (release = resolve));
      let started = () => {};
      const isStarted = new Promise<void>((resolve) => (started = resolve));
      const em = app.orm.em.fork();
      const holding = em.transactional(async (tx) => {
        await work(tx);
        started();
        await released;
      }, writeTransaction(em));
      await isStarted;
      return async () => {
        release();
        await holding;
      };
    };
    const tracked = <T>(promise: Promise<T>) => {
      const state = { done: false, promise: promise.finally(() => (state.done = true)) };
      return state;
    };
    const lastReportOf = (personId: string) =>
      app.orm.em.fork().findOneOrFail(WorkReport, { person: personId }, { orderBy: { id: 'desc' } });

    beforeAll(async () => {
      app = await startDemoApp();
      await withoutDemoPay(app.orm.em.fork());
      const key = await createApiKey(app.orm.em.fork(), 'payroll', ['pay:write'], app.clock.now());
      const posted = await fetch(`${app.baseUrl}/api/v1/pay/rates`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          itemCode: 'SHF-200',
          sequence: 10,
          fenPerPiece: 50,
          effectiveFrom: '2026-11-01',
        }),
      });
      expect(posted.status).toBe(201);
    });
    afterAll(() => app.stop());

    it('a correction arriving while the close holds the month waits, then lands in the next month', async () => {
      at('2026-11-24T02:00:00Z');
      await app.as('zhangwei').say('完工 WO-DEMO-001 10');
      const report = await lastReportOf('zhangwei');
      at('2026-12-01T02:00:00Z');
      const release = await holdOpen((tx) => closeMonth(unitOf(app.services, tx), 'lijianguo', '2026-11'));
      const correction = tracked(app.as('lijianguo').say(`更正 B${report.id} 8`));
      await pause(1500);
      expect(correction.done).toBe(false);
      await release();
      expect(texts(await correction.promise).at(-1)).toBe('收入更正 -¥1.00（原月份已结算，计入 2026-12）');
      const statement = await app.orm.em
        .fork()
        .findOneOrFail(PayStatement, { month: '2026-11', person: 'zhangwei' });
      expect(statement.fen).toBe(500);
      const late = await app.orm.em.fork().find(PayEntry, { month: '2026-12' });
      expect(late.map((e) => [e.person.id, e.fen, e.lateFor?.id])).toEqual([['zhangwei', -100, report.id]]);
    });

    it('a close arriving while a correction holds the month waits, then sums the correction', async () => {
      at('2026-12-01T03:00:00Z');
      await app.as('zhangwei').say('完工 WO-DEMO-001 10');
      const report = await lastReportOf('zhangwei');
      at('2027-01-02T02:00:00Z');
      const release = await holdOpen((tx) =>
        correctReport(unitOf(app.services, tx), supervisor(), `B${report.id}`, 6, 0),
      );
      const close = tracked(app.as('lijianguo').say('结算 2026-12'));
      await pause(1500);
      expect(close.done).toBe(false);
      await release();
      // -¥1.00 late from November, +¥5.00, and the correction's -¥2.00.
      expect(texts(await close.promise)).toEqual([
        '已结算 2026-12：1 人，合计 ¥2.00，工资条已发出。之后对 2026-12 的更正计入下一个未结算的月份。',
      ]);
      const entries = await app.orm.em
        .fork()
        .find(PayEntry, { month: '2026-12' }, { orderBy: { id: 'asc' } });
      expect(entries.map((e) => e.fen)).toEqual([-100, 500, -200]);
    });
  },
);
