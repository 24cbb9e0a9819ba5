import type { EntityManager } from '@mikro-orm/core';

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
}

interface Row {
  person_id: string;
  operation: string;
  item_code: string;
  fen_per_piece: number | string;
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
 * large shop reads its entries once rather than loading each as an entity. `personId` narrows
 * it to one worker.
 */
export async function statementLines(
  em: EntityManager,
  month: string,
  personId?: string,
): Promise<StatementLine[]> {
  const rows: Row[] = await em.getConnection().execute(
    `select e.person_id, t.name as operation, r.item_code, r.fen_per_piece,
            case when e.late_for_id is null then 0 else 1 end as late,
            sum(e.good) as good, sum(e.scrap) as scrap, sum(e.fen + e.deduction_fen) as gross,
            sum(e.deduction_fen) as deduction, sum(e.fen) as fen, max(e.split_among) > 1 as shared
       from pay_entries e
       join piece_rates r on r.id = e.rate_id
       join work_reports w on w.id = e.report_id
       join operation_tasks t on t.id = w.task_id
      where e.month = ?${personId === undefined ? '' : ' and e.person_id = ?'}
      group by e.person_id, t.name, r.item_code, r.id, r.fen_per_piece, case when e.late_for_id is null then 0 else 1 end
      order by e.person_id, late, r.item_code, t.name, r.id`,
    personId === undefined ? [month] : [month, personId],
    'all',
    // Inside the caller's transaction: on SQLite another connection would wait for its lock.
    em.getTransactionContext(),
  );
  return rows
    .map((r): StatementLine => ({
      personId: r.person_id,
      operation: r.operation,
      itemCode: r.item_code,
      fenPerPiece: Number(r.fen_per_piece),
      good: Number(r.good),
      scrap: Number(r.scrap),
      grossFen: Number(r.gross),
      deductionFen: Number(r.deduction),
      fen: Number(r.fen),
      shared: Number(r.shared) === 1,
      late: Number(r.late) === 1,
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
