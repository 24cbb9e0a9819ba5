import type { DemoContext } from '../../demo/demo-context.js';
import { inZone } from '../../shared/time.js';
import { closeMonth } from '../month/close-month.js';
import { PayStatement } from '../month/pay-statement.entity.js';
import { confirmStatement, disputeStatement } from '../month/statement-answers.js';
import { addRate } from '../rates-service.js';
import { seedPayHistory } from './seed-history.js';

/**
 * The demo shop's piece rates (计件单价, fen per good piece), in force since the first of the
 * month before last, so every report of the demo's history earns and 本月收入 has real figures.
 * 车削 of 传动轴 costs ¥0.20 per scrapped piece; 定位销's 车削 dispatched to the whole 数控组
 * pays the team, shared by its workers.
 */
const demoRates = [
  { itemCode: 'BRK-100', sequence: 10, fenPerPiece: 8 },
  { itemCode: 'BRK-100', sequence: 20, fenPerPiece: 12 },
  { itemCode: 'BRK-100', sequence: 30, fenPerPiece: 5 },
  { itemCode: 'SHF-200', sequence: 10, fenPerPiece: 60, scrapFen: 20 },
  { itemCode: 'SHF-200', sequence: 20, fenPerPiece: 45 },
  { itemCode: 'SHF-200', sequence: 30, fenPerPiece: 70 },
  { itemCode: 'FLG-300', sequence: 10, fenPerPiece: 90 },
  { itemCode: 'FLG-300', sequence: 20, fenPerPiece: 30 },
  { itemCode: 'PLT-400', sequence: 10, fenPerPiece: 10 },
  { itemCode: 'PLT-400', sequence: 20, fenPerPiece: 25 },
  { itemCode: 'PIN-500', sequence: 10, fenPerPiece: 15 },
  { itemCode: 'PIN-500', sequence: 10, fenPerPiece: 16, teamId: 'cnc' },
  { itemCode: 'PIN-500', sequence: 20, fenPerPiece: 12 },
];

export function seedRates({ em, clock, tz }: DemoContext): void {
  const effectiveFrom = inZone(clock.now(), tz).subtract(2, 'month').startOf('month').format('YYYY-MM-DD');
  for (const rate of demoRates) addRate(em, { ...rate, effectiveFrom }, clock.now());
}

/**
 * The demo's pay history: a month of piece work before the demo's own week (see
 * `seedPayHistory`), then last month closed by the supervisor, whatever day the seed runs:
 * 张伟 confirms his 工资条 and 刘洋 disputes his, so 异议列表 has one to resolve.
 */
export async function seedPayDemo(ctx: DemoContext): Promise<void> {
  await seedPayHistory(ctx);
  await closeLastMonth(ctx);
}

async function closeLastMonth({ em, clock, tz, unit }: DemoContext): Promise<void> {
  const last = inZone(clock.now(), tz).subtract(1, 'month').format('YYYY-MM');
  await em.transactional(async (tx) => {
    const services = unit(tx);
    await closeMonth(services, 'lijianguo', last);
    const statements = await tx.find(PayStatement, { month: last }, { populate: ['person'] });
    const disputer = statements.find((s) => s.person.id === 'liuyang') ?? statements.at(-1);
    for (const statement of statements) {
      if (statement === disputer)
        await disputeStatement(services, statement, '铣键槽有 5 件返工后合格，没有算钱');
      else if (statement.person.id === 'zhangwei') confirmStatement(services, statement);
    }
  });
}
