import type { EntityManager } from '@mikro-orm/core';
import { payMessages as m } from '../messages.js';

/** One line of a 工资条: an operation at one rate, or the late corrections to an earlier month. */
export interface StatementLine {
  personId: string;
  operation: string;
  itemCode: string;
  fenPerPiece: number;
  good: number;
  scrap: number;
  /** Before deductions. */
  grossFen: number;
  deductionFen: number;
  fen: number;
  /** Shared with the team (a team rate split); the pieces are the team's. */
  shared: boolean;
  /** Corrections to reports of a closed month that landed here. */
  late: boolean;
  /** A deduction for pieces rejected at 终检 for this reason (then `scrap` counts those pieces). */
  reasonCode?: string;
}

interface Row {
  person_id: string;
  operation: string | null;
  reason_code: string | null;
  item_code: string | null;
  sequence: number | string | null;
  fen_per_piece: number | string | null;
  late: number | string;
  good: number | string;
  scrap: number | string;
  gross: number | string;
  deduction: number | string;
  fen: number | string;
  shared: number | string;
}

/**
 * Every worker's statement lines of a month in one aggregate query, so closing a month of a
 * large shop reads its entries once rather than loading each as an entity. The entries are
 * summed on their own (month, person) index before anything is joined; the operation is named
 * from the item's routing. `personId` narrows it to one worker.
 */
export async function statementLines(
  em: EntityManager,
  month: string,
  personId?: string,
): Promise<StatementLine[]> {
  const rows: Row[] = await em.getConnection().execute(
    `select a.person_id, a.late, a.good, a.scrap, a.gross, a.deduction, a.fen, a.shared, a.reason_code,
            r.item_code, r.sequence, r.fen_per_piece, s.name as operation
       from (select person_id, rate_id, reason_code, case when late_for_id is null then 0 else 1 end as late,
                    sum(good) as good, sum(scrap) as scrap, sum(fen + deduction_fen) as gross,
                    sum(deduction_fen) as deduction, sum(fen) as fen, max(split_among) > 1 as shared
               from pay_entries
              where month = ?${personId === undefined ? '' : ' and person_id = ?'}
              group by person_id, rate_id, reason_code, case when late_for_id is null then 0 else 1 end) a
       left join piece_rates r on r.id = a.rate_id
       left join routing_steps s on s.item_code = r.item_code and s.sequence = r.sequence
      order by a.person_id, a.late, a.reason_code, r.item_code, r.sequence, r.id`,
    personId === undefined ? [month] : [month, personId],
    'all',
    // Inside the caller's transaction: on SQLite another connection would wait for its lock.
    em.getTransactionContext(),
  );
  return rows
    .map((r): StatementLine => ({
      personId: r.person_id,
      operation: r.operation ?? m.operationOf(Number(r.sequence)),
      itemCode: r.item_code ?? '',
      fenPerPiece: Number(r.fen_per_piece ?? 0),
      good: Number(r.good),
      scrap: Number(r.scrap),
      grossFen: Number(r.gross),
      deductionFen: Number(r.deduction),
      fen: Number(r.fen),
      shared: Number(r.shared) === 1,
      late: Number(r.late) === 1,
      ...(r.reason_code === null ? {} : { reasonCode: r.reason_code }),
    }))
    .filter((l: StatementLine) => l.good !== 0 || l.scrap !== 0 || l.fen !== 0);
}

/** Lines grouped by worker, in person id order. */
export function byPerson(lines: readonly StatementLine[]): Map<string, StatementLine[]> {
  const grouped = new Map<string, StatementLine[]>();
  for (const line of lines) {
    const own = grouped.get(line.personId) ?? [];
    own.push(line);
    grouped.set(line.personId, own);
  }
  return grouped;
}
