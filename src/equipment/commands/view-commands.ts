import type { Command } from '../../chat/commands/command.js';
import { issueCard } from '../../chat/cards/issue-card.js';
import { Equipment } from '../equipment.entity.js';
import { equipmentNamed } from '../equipment-lookup.js';
import { equipmentStory } from '../equipment-story.js';
import { planOutlooks } from '../maintenance/outlook.js';
import { MaintenancePlan } from '../maintenance/maintenance-plan.entity.js';
import { MaintenanceTask } from '../maintenance/maintenance-task.entity.js';
import { responsibleFor } from '../maintenance/responsible.js';
import {
  loadMaintenanceTask,
  MAINTENANCE_CARD,
  maintenanceCardSpec,
  maintenanceSubject,
} from '../maintenance/task-view.js';
import { typeName } from '../type-names.js';
import { equipmentMessages as m, hoursOf } from '../messages.js';
import { RepairTicket } from '../repairs/repair-ticket.entity.js';
import { loadTicket, REPAIR_CARD, repairCardSpec, repairSubject } from '../repairs/repair-view.js';

export const equipmentCommand: Command = {
  name: '设备',
  aliases: ['equipment', '设备状态'],
  roles: 'staff',
  help: '查看一台设备：状态、运行小时、下次保养、未结维修和最近记录',
  args: [{ name: 'code', label: '设备编号', kind: 'word' }],
  async run(ctx, args) {
    const equipment = await equipmentNamed(ctx.em, String(args.code));
    ctx.reply(await equipmentStory(ctx.em, equipment, ctx.clock.now(), ctx.tz));
  },
};

export const equipmentListCommand: Command = {
  name: '设备列表',
  aliases: ['equipment-list'],
  roles: 'staff',
  help: '所有设备的状态和运行小时',
  args: [],
  async run(ctx) {
    const machines = await ctx.em.find(Equipment, {}, { orderBy: { code: 'asc' } });
    if (machines.length === 0) return ctx.reply(m.noEquipment);
    const tickets = await ctx.em.find(
      RepairTicket,
      { state: { $ne: 'archived' } },
      { orderBy: { id: 'asc' } },
    );
    const outlooks = await planOutlooks(ctx.em, ctx.clock.now(), ctx.tz);
    const lines = machines.map((e) => {
      const ticket = tickets.find((t) => t.equipment.code === e.code);
      const outlook = outlooks.get(e.code) ?? [];
      const due = outlook.find((o) => o.state.dueBy);
      const soon = outlook.find((o) => o.state.inLead);
      const note = ticket
        ? m.listNoteOpenTicket(ticket.id)
        : due
          ? m.listNoteDue(due.planName)
          : soon
            ? m.listNoteSoon(soon.planName)
            : '';
      return m.listLine(e.code, e.name, m.statusNames[e.status] ?? e.status, hoursOf(e.runningMinutes), note);
    });
    ctx.reply([m.listTitle(machines.length), ...lines].join('\n'));
  },
};

export const plansCommand: Command = {
  name: '保养计划',
  aliases: ['plans'],
  roles: ['maintenance', 'team_lead', 'supervisor', 'manager'],
  help: '列出所有保养计划',
  args: [],
  async run(ctx) {
    const plans = await ctx.em.find(
      MaintenancePlan,
      { active: true },
      { populate: ['equipment'], orderBy: { id: 'asc' } },
    );
    if (plans.length === 0) return ctx.reply(m.noPlansYet);
    const lines = [m.plansTitle(plans.length)];
    for (const p of plans) {
      lines.push(
        m.planEntry(
          p.code,
          p.name,
          m.planTarget(
            p.equipment?.code,
            p.equipmentType ? typeName(ctx.config, p.equipmentType) : undefined,
          ),
          m.planInterval(p.everyHours ?? null, p.everyDays ?? null),
          m.planLead(p.leadHours, p.leadDays),
          (await responsibleFor(ctx.em, ctx.config, p)).label,
        ),
      );
    }
    if (ctx.person.roles.includes('supervisor') || ctx.person.roles.includes('admin'))
      lines.push(m.planHowToAdd);
    ctx.reply(lines.join('\n'));
  },
};

/** 我的维修: the open maintenance and repair work a technician can act on, as cards. */
export const myRepairsCommand: Command = {
  name: '我的维修',
  aliases: ['my-repairs', '我的保养'],
  roles: ['maintenance'],
  help: '我名下和待接单的维修单、保养任务',
  args: [],
  async run(ctx) {
    const me = ctx.person.id;
    const tickets = await ctx.em.find(
      RepairTicket,
      {
        state: { $in: ['reported', 'accepted', 'repairing', 'verifying'] },
        $or: [{ technician: me }, { technician: null }],
      },
      { orderBy: { id: 'asc' }, limit: 10 },
    );
    const tasks = await ctx.em.find(
      MaintenanceTask,
      { status: { $ne: 'done' }, $or: [{ acceptedBy: me }, { acceptedBy: null }] },
      { orderBy: { deadline: 'asc' }, limit: 10 },
    );
    if (tickets.length + tasks.length === 0) return ctx.reply(m.noRepairWork);
    for (const t of tickets) {
      const ticket = (await loadTicket(ctx.em, t.id)) as RepairTicket;
      ctx.reply({
        kind: 'card',
        card: issueCard(
          ctx.em,
          ctx.clock,
          REPAIR_CARD,
          repairSubject(ticket),
          repairCardSpec(ticket, ctx.config.repairs, ctx.tz, ctx.clock.now()),
        ),
      });
    }
    for (const t of tasks) {
      const task = (await loadMaintenanceTask(ctx.em, t.id)) as MaintenanceTask;
      const spec = await maintenanceCardSpec(ctx.em, ctx.config, task, ctx.tz, ctx.clock.now());
      ctx.reply({
        kind: 'card',
        card: issueCard(ctx.em, ctx.clock, MAINTENANCE_CARD, maintenanceSubject(task), spec),
      });
    }
  },
};
