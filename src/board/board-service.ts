import type { EntityManager } from '@mikro-orm/core';
import type { FactoryConfig } from '../config/factory-config.js';
import { Equipment } from '../equipment/equipment.entity.js';
import { RepairTicket } from '../equipment/repairs/repair-ticket.entity.js';
import { riskBoard, type RiskBoard } from '../outsourcing/board-service.js';
import { Team } from '../people/team.entity.js';
import { productionDateOf, productionDay, productionInterval } from '../shared/production-day.js';
import { OperationTask } from '../workorders/operation-task.entity.js';
import { ProductionException } from '../workorders/production-exception.entity.js';
import { WorkReport } from '../workorders/work-report.entity.js';
import { boardKpis, type BoardKpi } from './board-kpis.js';
import { ordersAtRisk, type AtRiskOrder } from '../planning/load-service.js';

/** One production line (a team): good pieces so far this production day against its plan. */
export interface LineOutput {
  teamId: string;
  name: string;
  good: number;
  plan: number;
  /** Whether `plan` is the line's `board.dailyTargets` figure, or the work lined up for it. */
  planFromTarget: boolean;
}

export interface MachineOnBoard {
  code: string;
  name: string;
  status: string;
}

export interface OpenItem {
  /** `E12`, `R3`. */
  ref: string;
  what: string;
  detail: string;
  since: Date;
}

/** Everything the control-room board shows, as of `at`. */
export interface BoardSnapshot {
  at: Date;
  day: string;
  lines: LineOutput[];
  atRisk: AtRiskOrder[];
  machines: MachineOnBoard[];
  exceptions: OpenItem[];
  repairs: OpenItem[];
  outsourcing: RiskBoard;
  kpis: BoardKpi[];
}

export interface BoardDeps {
  em: EntityManager;
  config: FactoryConfig;
  tz: string;
  now: Date;
}

/** Reads the whole board from the records, oldest problem first in every list. */
export async function boardSnapshot(deps: BoardDeps): Promise<BoardSnapshot> {
  const { em, config, tz, now } = deps;
  const prodDay = productionDay(config, tz);
  const day = productionDateOf(now, prodDay);
  const { start } = productionInterval(day, prodDay);
  const exceptions = await em.find(
    ProductionException,
    { status: { $ne: 'closed' } },
    { populate: ['workOrder'], orderBy: { raisedAt: 'asc', id: 'asc' } },
  );
  const repairs = await em.find(
    RepairTicket,
    { state: { $ne: 'archived' } },
    { populate: ['equipment'], orderBy: { reportedAt: 'asc', id: 'asc' } },
  );
  const machines = await em.find(Equipment, {}, { orderBy: { code: 'asc' } });
  return {
    at: now,
    day,
    lines: await lineOutputs(em, config, start, now),
    // Planning's projection of the released work over shifts and machines.
    atRisk: await ordersAtRisk(em, config, now, tz),
    machines: machines.map((m) => ({ code: m.code, name: m.name, status: m.status })),
    exceptions: exceptions.map((e) => ({
      ref: `E${e.id}`,
      what: e.kind,
      detail: e.workOrder ? `${e.workOrder.number} ${e.reason}` : e.reason,
      since: e.raisedAt,
    })),
    repairs: repairs.map((r) => ({
      ref: `R${r.id}`,
      what: r.state,
      detail: `${r.equipment.code} ${r.symptom}`,
      since: r.reportedAt,
    })),
    outsourcing: await riskBoard(em, config, tz, now),
    kpis: await boardKpis({ em, config, tz, now }),
  };
}

/**
 * Good pieces per line since the production day began, reversals netted. A line's plan is its
 * `board.dailyTargets` figure, else what its open operations (and those it finished today)
 * still needed when the day began.
 */
async function lineOutputs(em: EntityManager, config: FactoryConfig, start: Date, now: Date) {
  const teams = await em.find(Team, {}, { orderBy: { id: 'asc' } });
  const reports = await em.find(
    WorkReport,
    { reportedAt: { $gte: start, $lte: now }, task: { team: { $ne: null } } },
    { populate: ['task'], fields: ['good', 'task.id', 'task.team'] },
  );
  const goodByTeam = new Map<string, number>();
  const goodByTask = new Map<number, number>();
  for (const r of reports) {
    const team = r.task.team?.id;
    if (!team) continue;
    goodByTeam.set(team, (goodByTeam.get(team) ?? 0) + r.good);
    goodByTask.set(r.task.id, (goodByTask.get(r.task.id) ?? 0) + r.good);
  }
  const lined = new Map<string, number>();
  const untargeted = teams.filter((t) => config.board.dailyTargets[t.id] === undefined).map((t) => t.id);
  if (untargeted.length > 0) {
    const tasks = await em.find(
      OperationTask,
      {
        team: { $in: untargeted },
        $or: [
          { status: { $in: ['dispatched', 'in_progress'] } },
          { status: 'done', finishedAt: { $gte: start } },
        ],
      },
      { fields: ['plannedQuantity', 'goodTotal', 'team'] },
    );
    for (const t of tasks) {
      const team = t.team?.id;
      if (!team) continue;
      const before = t.goodTotal - (goodByTask.get(t.id) ?? 0);
      lined.set(team, (lined.get(team) ?? 0) + Math.max(0, t.plannedQuantity - before));
    }
  }
  return teams.map((t): LineOutput => {
    const target = config.board.dailyTargets[t.id];
    return {
      teamId: t.id,
      name: t.name,
      good: goodByTeam.get(t.id) ?? 0,
      plan: target ?? lined.get(t.id) ?? 0,
      planFromTarget: target !== undefined,
    };
  });
}
