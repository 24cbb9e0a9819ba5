import type { Services } from '../../services.js';
import type { EntityManager } from '@mikro-orm/core';
import { text, type Recipient } from '../../chat/outbound.js';
import { peopleWithRole, teamLeads } from '../../people/directory.js';
import type { Logger } from '../../shared/logger.js';
import { dueReminders, type DueReminder } from '../../shared/reminder-cadence.js';
import { Equipment } from '../equipment.entity.js';
import { equipmentMessages as m } from '../messages.js';
import { NoLongerDue, once, type OnceOutcome } from '../../db/once.js';
import { claimNotice, noticeSent } from '../notices.js';
import { dueState, type DueState } from './due.js';
import { dueText } from './outlook.js';
import { MaintenanceCycle } from './maintenance-cycle.entity.js';
import { MaintenanceTask } from './maintenance-task.entity.js';
import { cyclesOf, planTargets, startMissingCycles, targetKey, type PlanTarget } from './plan-targets.js';
import { responsibleFor } from './responsible.js';
import { createDueTask } from './task-service.js';
import {
  loadMaintenanceTask,
  MAINTENANCE_CARD,
  maintenanceCardSpec,
  maintenanceSubject,
} from './task-view.js';
import { refreshCards } from '../../chat/cards/refresh-cards.js';

export interface ScanDeps extends Services {
  logger: Logger;
}

export interface MaintenanceScanOutcome {
  tasksCreated: number;
  reminders: number;
  escalations: number;
  /** Actions another scan (another server) took first. */
  lostRaces: number;
}

/**
 * One pass of the maintenance watch (hourly, and for one machine after its hours changed):
 * a heads-up once per round inside the plan's lead, the task when the round comes due, and
 * the overdue cadence for tasks not done by their deadline. Each action is its own
 * transaction keyed so that two servers take it once.
 */
export async function scanMaintenance(
  deps: ScanDeps,
  onlyEquipment?: string,
): Promise<MaintenanceScanOutcome> {
  const { em, clock } = deps;
  const targets = await planTargets(em, onlyEquipment);
  let cycleOf = await cyclesOf(em, onlyEquipment);
  if (await startMissingCycles(em, clock, targets, cycleOf)) cycleOf = await cyclesOf(em, onlyEquipment);
  const outcome: MaintenanceScanOutcome = { tasksCreated: 0, reminders: 0, escalations: 0, lostRaces: 0 };
  const count = (result: OnceOutcome, field: 'tasksCreated' | 'reminders' | 'escalations') => {
    if (result === 'written') outcome[field] += 1;
    if (result === 'lost') outcome.lostRaces += 1;
  };
  // Completing a task starts the next cycle, so the current cycle's task, if any, is an open one.
  const open = await em.find(MaintenanceTask, {
    ...(onlyEquipment ? { equipment: onlyEquipment } : {}),
    status: { $ne: 'done' },
  });
  const openTask = new Map(open.map((t) => [`${targetKey(t.plan.id, t.equipment.code)}|${t.cycle}`, t]));
  for (const target of targets) {
    const key = targetKey(target.plan.id, target.equipment.code);
    const cycle = cycleOf.get(key);
    if (!cycle) continue;
    const task = openTask.get(`${key}|${cycle.cycle}`);
    if (task) {
      for (const due of overdueReminders(deps, task)) count(await escalate(deps, task, due), 'escalations');
      continue;
    }
    const state = dueState(target.plan, cycle, target.equipment.runningMinutes, clock.now(), deps.tz);
    if (state.dueBy) {
      // Hours come due when the counter crossed them, which a report or reading checks at once.
      const due = {
        by: state.dueBy,
        since: state.dueBy === 'days' && state.dueDay ? state.dueDay : clock.now(),
      };
      count(
        await once(em, (tx) =>
          createDueTask({ ...deps, em: tx }, target.plan, target.equipment, cycle.cycle, due).then(() => {}),
        ),
        'tasksCreated',
      );
    } else if (state.inLead) {
      count(await remindAhead(deps, target, cycle, state), 'reminders');
    }
  }
  if (outcome.tasksCreated + outcome.reminders + outcome.escalations + outcome.lostRaces > 0)
    deps.logger.info(outcome, 'maintenance scan acted');
  return outcome;
}

async function remindAhead(
  deps: ScanDeps,
  { plan, equipment }: PlanTarget,
  cycle: MaintenanceCycle,
  state: DueState,
): Promise<OnceOutcome> {
  const key = `lead:${plan.id}:${equipment.code}:${cycle.cycle}`;
  if (await noticeSent(deps.em, key)) return 'skipped';
  return once(deps.em, async (tx) => {
    const notice = await claimNotice(tx, key, deps.clock.now());
    const responsible = await responsibleFor(tx, deps.config, plan);
    const content = text(
      m.leadReminder(
        equipment.code,
        equipment.name,
        plan.name,
        dueText(state, equipment, deps.clock.now(), deps.tz),
      ),
    );
    notice.recipients = await pushAll(deps, tx, responsible.recipients, content, key);
  });
}

function overdueReminders(deps: ScanDeps, task: MaintenanceTask): DueReminder[] {
  const { repeatHours, escalateHours, supervisorHours } = deps.config.maintenance;
  return dueReminders(task.deadline, deps.clock.now(), {
    warnHours: 0,
    repeatHours,
    escalateHours,
    supervisorHours,
  });
}

/** `scanned` is the task as the scan read it; the claim's transaction reads it again. */
async function escalate(deps: ScanDeps, scanned: MaintenanceTask, due: DueReminder): Promise<OnceOutcome> {
  const taskId = scanned.id;
  const deadline = scanned.deadline.toISOString();
  const key = `mt:${taskId}:${deadline}:${due.kind}:${due.slot}`;
  if (await noticeSent(deps.em, key)) return 'skipped';
  return once(deps.em, async (tx) => {
    const notice = await claimNotice(tx, key, deps.clock.now());
    const task = await loadMaintenanceTask(tx, taskId);
    // Done or postponed since the scan read it: this reminder no longer applies.
    if (!task || task.status === 'done' || task.deadline.toISOString() !== deadline) throw new NoLongerDue();
    const responsible = await responsibleFor(tx, deps.config, task.plan);
    const late = m.minutesText(Math.floor((deps.clock.now().getTime() - task.deadline.getTime()) / 60_000));
    const who = task.acceptedBy?.name ?? responsible.label;
    const escalation = text(m.maintenanceEscalation(task.id, task.equipment.code, task.plan.name, late, who));
    const [recipients, content]: [Recipient[], ReturnType<typeof text>] =
      due.kind === 'supervisor'
        ? [people(await peopleWithRole(tx, 'supervisor').then((ps) => ps.map((p) => p.id))), escalation]
        : due.kind === 'coordinator'
          ? [people(await leadsFor(tx, task.equipment, task.plan.responsibleTeam?.id)), escalation]
          : [
              task.acceptedBy ? people([task.acceptedBy.id]) : responsible.recipients,
              text(m.maintenanceOverdue(task.id, task.equipment.code, task.plan.name, late, due.slot)),
            ];
    notice.recipients = await pushAll(deps, tx, recipients, content, key);
    // Whoever holds the card sees it is overdue, from the first reminder that says so.
    if (due.kind === 'overdue' && due.slot === 0) {
      const spec = await maintenanceCardSpec(tx, deps.config, task, deps.tz, deps.clock.now());
      await refreshCards(tx, deps.clock, deps.outbox, MAINTENANCE_CARD, maintenanceSubject(task), spec);
    }
  });
}

const people = (ids: string[]): Recipient[] => ids.map((personId) => ({ kind: 'person', personId }));

/** The first escalation goes to the leads of the responsible team, else of the machine's team, else supervisors. */
async function leadsFor(
  em: EntityManager,
  equipment: Equipment,
  teamId: string | undefined,
): Promise<string[]> {
  for (const team of [teamId, equipment.team?.id]) {
    if (!team) continue;
    const leads = await teamLeads(em, team);
    if (leads.length > 0) return leads;
  }
  return (await peopleWithRole(em, 'supervisor')).map((p) => p.id);
}

async function pushAll(
  deps: ScanDeps,
  tx: EntityManager,
  recipients: Recipient[],
  content: ReturnType<typeof text>,
  key: string,
): Promise<string[]> {
  const reached: string[] = [];
  for (const recipient of recipients) {
    const id =
      recipient.kind === 'person'
        ? recipient.personId
        : recipient.kind === 'team'
          ? `team:${recipient.teamId}`
          : '';
    await deps.outbox.enqueue(tx, recipient, content, { dedupeKey: `${key}:${id}` });
    reached.push(id);
  }
  return reached;
}
