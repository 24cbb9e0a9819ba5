import type { EntityManager } from '@mikro-orm/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleSession } from '../../src/channels/console/console-session.js';
import type { OutboundContent } from '../../src/chat/outbound.js';
import { demoPeople } from '../../src/demo/demo-cast.js';
import { seedDemo } from '../../src/demo/seed.js';
import { features } from '../../src/features.js';
import { yuan } from '../../src/pay/money.js';
import { PayMonth } from '../../src/pay/month/pay-month.entity.js';
import { PayStatement } from '../../src/pay/month/pay-statement.entity.js';
import { PieceRate } from '../../src/pay/piece-rate.entity.js';
import { ManualClock } from '../../src/shared/clock.js';
import { inZone } from '../../src/shared/time.js';
import { WorkReport } from '../../src/workorders/work-report.entity.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const workers = demoPeople.filter((p) => p.roles.includes('worker'));

/**
 * What a worker's reports of `month` earn, reckoned here from the stored reports and rates: the
 * rate of the operation in force on the report's day, the worker's team's before the general one.
 */
async function pricedFen(em: EntityManager, tz: string, personId: string, month: string): Promise<number> {
  const team = demoPeople.find((p) => p.id === personId)?.team ?? null;
  const rates = await em.find(PieceRate, {});
  const reports = await em.find(
    WorkReport,
    { person: personId },
    { populate: ['task.workOrder.item', 'reverses'] },
  );
  let fen = 0;
  for (const report of reports) {
    // A reversal counts on the day of the report it takes back.
    const day = inZone((report.reverses ?? report).reportedAt, tz).format('YYYY-MM-DD');
    if (!day.startsWith(`${month}-`)) continue;
    const [rate] = rates
      .filter(
        (r) =>
          r.itemCode === report.task.workOrder.item.code &&
          r.sequence === report.task.sequence &&
          r.effectiveFrom <= day &&
          (r.teamId === null || r.teamId === team) &&
          r.equipmentCode === null,
      )
      .sort(
        (a, b) =>
          Number(b.teamId !== null) - Number(a.teamId !== null) ||
          (a.effectiveFrom < b.effectiveFrom ? 1 : -1),
      );
    if (rate) fen += report.good * rate.fenPerPiece - report.scrap * rate.scrapFen;
  }
  return fen;
}

const firstLine = (replies: OutboundContent[]) => {
  const [reply] = replies;
  return reply?.kind === 'text' ? reply.text.split('\n')[0] : `<${reply?.kind}>`;
};

/** `npm run seed:demo` on a month's first day and on its 20th: a month of pay, last month closed. */
describe.each([
  { now: '2026-12-01T02:00:00Z', month: '2026-12', last: '2026-11' },
  { now: '2026-11-20T02:00:00Z', month: '2026-11', last: '2026-10' },
])('the demo seeded at $now', ({ now, month, last }) => {
  let app: TestApp;
  const clock = new ManualClock(now);
  const as = (personId: string) => new ConsoleSession(app.chat.engine, clock, personId);

  beforeAll(async () => {
    app = await startTestApp({ features, clock });
    await seedDemo(app.orm.em.fork(), clock, app.settings.factoryTz, app.factory);
  });
  afterAll(() => app.stop());

  it('has every demo worker reporting through last month from its first working days', async () => {
    const em = app.orm.em.fork();
    const tz = app.settings.factoryTz;
    const reports = await em.find(WorkReport, { person: { $in: workers.map((w) => w.id) } });
    const days = reports
      .map((r) => inZone(r.reportedAt, tz).format('YYYY-MM-DD'))
      .filter((d) => d.startsWith(`${last}-`))
      .sort();
    expect(days[0]! <= `${last}-03`).toBe(true);
    for (const worker of workers) {
      const own = reports.filter(
        (r) => r.person.id === worker.id && inZone(r.reportedAt, tz).format('YYYY-MM') === last,
      );
      expect(own.length, worker.id).toBeGreaterThanOrEqual(15);
    }
  });

  it('has closed last month: a statement per demo worker, 张伟 confirmed, 刘洋 disputed', async () => {
    const em = app.orm.em.fork();
    expect((await em.findOneOrFail(PayMonth, last)).closedAt).not.toBeNull();
    const statements = await em.find(PayStatement, { month: last });
    expect(statements.map((s) => s.person.id).sort()).toEqual(workers.map((w) => w.id).sort());
    const answered = (status: string) =>
      statements.filter((s) => s.status === status).map((s) => s.person.id);
    expect(answered('confirmed')).toEqual(['zhangwei']);
    expect(answered('disputed')).toEqual(['liuyang']);
    expect(answered('sent')).toHaveLength(workers.length - 2);
  });

  it('shows every demo worker this month’s earnings to the fen of their reports', async () => {
    const em = app.orm.em.fork();
    for (const worker of workers) {
      const fen = await pricedFen(em, app.settings.factoryTz, worker.id, month);
      const expected =
        fen === 0
          ? `${worker.name} ${month} 没有计件收入。`
          : `${worker.name} ${month} 计件收入 ${yuan(fen)}：`;
      expect(firstLine(await as(worker.id).say('本月收入'))).toBe(expected);
    }
  });

  it('shows every demo worker last month as their statement, which is their reports priced', async () => {
    const em = app.orm.em.fork();
    for (const worker of workers) {
      const statement = await em.findOneOrFail(PayStatement, { month: last, person: worker.id });
      expect(statement.fen).toBe(await pricedFen(em, app.settings.factoryTz, worker.id, last));
      expect(firstLine(await as(worker.id).say(`工资 ${last}`))).toBe(
        `${worker.name} ${last} 计件收入 ${yuan(statement.fen)}：`,
      );
    }
  });
});
