import type { EntityManager } from '@mikro-orm/core';
import { Person } from '../../people/person.entity.js';
import type { PayConfig, PayrollField } from '../config.js';
import { isClosed } from './open-month.js';
import { PayStatement, type StatementStatus } from './pay-statement.entity.js';
import { byPerson, statementLines } from './statement-lines.js';

const statusNames: Record<StatementStatus | 'open', string> = {
  open: '未结算',
  sent: '待确认',
  confirmed: '已确认',
  disputed: '有异议',
  resolved: '异议已处理',
};

/** Yuan as the number a payroll sheet sums: exact, since fen / 100 has at most two decimals. */
const yuanNumber = (fen: number) => Number((fen / 100).toFixed(2));

/**
 * The month's payroll sheet, one row per worker with earnings, in the columns factory.yaml
 * `pay.payrollColumns` names. Only for API keys with `pay:read`: it shows everyone's pay.
 */
export async function payrollWorkbook(em: EntityManager, config: PayConfig, month: string): Promise<Buffer> {
  const lines = byPerson(await statementLines(em, month));
  const people = new Map(
    (await em.find(Person, { id: { $in: [...lines.keys()] } }, { populate: ['team'] })).map((p) => [p.id, p]),
  );
  const closed = await isClosed(em, month);
  const statements = new Map(
    (await em.find(PayStatement, { month }, { fields: ['person', 'status'] })).map((s) => [
      s.person.id,
      s.status,
    ]),
  );
  // Loaded on first use: the spreadsheet writer costs start-up time and memory most servers never need.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(month);
  sheet.addRow(config.payrollColumns.map((c) => c.title));
  for (const [personId, own] of lines) {
    const person = people.get(personId);
    const sum = (part: (l: (typeof own)[number]) => number) => own.reduce((total, l) => total + part(l), 0);
    const values: Record<PayrollField, string | number> = {
      personId,
      name: person?.name ?? personId,
      team: person?.team?.name ?? '',
      good: sum((l) => (l.shared || l.late || l.reasonCode !== undefined ? 0 : l.good)),
      scrap: sum((l) => (l.shared || l.late || l.reasonCode !== undefined ? 0 : l.scrap)),
      grossYuan: yuanNumber(sum((l) => (l.late ? 0 : l.grossFen))),
      deductionYuan: yuanNumber(sum((l) => (l.late ? 0 : l.deductionFen))),
      lateYuan: yuanNumber(sum((l) => (l.late ? l.fen : 0))),
      totalYuan: yuanNumber(sum((l) => l.fen)),
      status:
        statusNames[closed ? ((statements.get(personId) as StatementStatus | undefined) ?? 'sent') : 'open'],
    };
    sheet.addRow(config.payrollColumns.map((c) => values[c.field]));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
