import { pushCard } from '../../chat/cards/push-card.js';
import { Person } from '../../people/person.entity.js';
import type { Services } from '../../services.js';
import { RefusedError } from '../../shared/errors.js';
import { inZone } from '../../shared/time.js';
import { payMessages as m } from '../messages.js';
import { lockMonthForClose } from './open-month.js';
import { PayMonth } from './pay-month.entity.js';
import { PayStatement } from './pay-statement.entity.js';
import { STATEMENT_CARD, statementCard, statementSubject } from './statement-card.js';
import { byPerson, statementLines } from './statement-lines.js';

export interface ClosedMonth {
  month: string;
  statements: number;
  fen: number;
}

/**
 * 结算: marks the month closed, so later earnings of its reports land in the next open month,
 * and sends each worker with earnings their 工资条 to confirm or dispute. One unit of work, under
 * the month's row lock: a second close of the same month waits, then is refused.
 */
export async function closeMonth(unit: Services, closedBy: string, month: string): Promise<ClosedMonth> {
  const { em } = unit;
  // A month still running would push its own remaining days' earnings into the next one.
  if (month >= inZone(unit.clock.now(), unit.tz).format('YYYY-MM')) {
    throw new RefusedError('month_not_over', m.monthNotOver(month));
  }
  // The month's row locked first: an earning of the month still in flight commits before the
  // entries are summed below (read committed), and any later one waits, then moves on.
  if (await lockMonthForClose(em, month)) throw new RefusedError('month_closed', m.monthClosed(month));
  await em.nativeUpdate(
    PayMonth,
    { month },
    { closedAt: unit.clock.now(), closedBy: em.getReference(Person, closedBy) },
  );
  const lines = byPerson(await statementLines(em, month));
  const people = new Map(
    (await em.find(Person, { id: { $in: [...lines.keys()] } }, { fields: ['id', 'name'] })).map((p) => [
      p.id,
      p,
    ]),
  );
  const statements = [...lines].map(([personId, own]) => ({
    statement: em.create(PayStatement, {
      month,
      person: em.getReference(Person, personId),
      fen: own.reduce((sum, l) => sum + l.fen, 0),
    }),
    own,
  }));
  await em.flush();
  for (const { statement, own } of statements) {
    const name = people.get(statement.person.id)?.name ?? statement.person.id;
    await pushCard(
      em,
      unit.clock,
      unit.outbox,
      [{ kind: 'person', personId: statement.person.id }],
      STATEMENT_CARD,
      statementSubject(statement),
      statementCard(statement, name, own),
    );
  }
  return {
    month,
    statements: statements.length,
    fen: statements.reduce((sum, s) => sum + s.statement.fen, 0),
  };
}
