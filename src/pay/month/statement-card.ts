import type { CardSpec, CardSubject } from '../../chat/cards/issue-card.js';
import { payMessages as m } from '../messages.js';
import type { PayStatement } from './pay-statement.entity.js';
import type { StatementLine } from './statement-lines.js';

export const STATEMENT_CARD = 'pay_statement';

export const statementSubject = (statement: PayStatement): CardSubject => ({
  type: 'pay_statement',
  id: String(statement.id),
  version: String(statement.revision),
});

/** The 工资条: a line per operation and rate, the deductions, the total; buttons until answered. */
export function statementCard(
  statement: PayStatement,
  name: string,
  lines: readonly StatementLine[],
): CardSpec {
  const answered = statement.status !== 'sent';
  return {
    title: m.statementTitle(statement.month),
    subtitle: name,
    fields: [
      ...lines.map((l) => ({ label: m.statementLineLabel(l), value: m.statementLineValue(l) })),
      { label: m.deductionsLabel, value: m.money(lines.reduce((sum, l) => sum + l.deductionFen, 0)) },
      { label: m.totalLabel, value: m.money(statement.fen) },
    ],
    buttons: answered
      ? []
      : [
          { text: m.confirmButton, action: 'confirm', style: 'primary' },
          { text: m.disputeButton, action: 'dispute', style: 'danger' },
        ],
    ...(answered ? { closedNote: m.statementStatus(statement.status, statement.reason ?? undefined) } : {}),
  };
}
