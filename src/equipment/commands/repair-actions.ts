import { wordChoice } from '../../chat/commands/arguments.js';
import type { Command } from '../../chat/commands/command.js';
import type { CommandContext } from '../../chat/context.js';
import { attachSentPhoto, offerPhotoSlot } from '../../chat/photos/photo-slots.js';
import { RefusedError } from '../../shared/errors.js';
import { equipmentNamed } from '../equipment-lookup.js';
import { maintenanceCrew } from '../maintenance/responsible.js';
import { equipmentMessages as m } from '../messages.js';
import {
  acceptRepair,
  finishRepair,
  reportRepair,
  startRepair,
  ticketForChange,
  verifyRepair,
  wrongRepairState,
} from '../repairs/repair-service.js';
import type { RepairTicket } from '../repairs/repair-ticket.entity.js';
import { accept as acceptMaintenance, taskOf } from './maintenance-actions.js';
import { refNumber } from './refs.js';

const ticketRef = { name: 'ticket', label: '维修单号', kind: 'word' } as const;

async function ticketOf(ctx: CommandContext, ref: string): Promise<RepairTicket> {
  const id = refNumber(ref, 'R');
  if (id === undefined) throw new RefusedError('repair_unknown', m.ticketUnknown(ref));
  return ticketForChange(ctx.em, id, ref);
}

export const reportRepairCommand: Command = {
  name: '报修',
  aliases: ['repair'],
  roles: 'staff',
  help: '设备故障报修，设备组会收到维修单',
  args: [
    { name: 'equipment', label: '设备编号', kind: 'word' },
    { name: 'symptom', label: '故障现象', kind: 'text' },
  ],
  async run(ctx, args) {
    const equipment = await equipmentNamed(ctx.em, String(args.equipment), { lock: true });
    const ticket = await reportRepair(ctx.services, ctx.actor, equipment, String(args.symptom));
    ctx.reply(m.repairReported(ticket.id, equipment.code));
    // A photo of the fault tells the technician what to bring before they walk over.
    await offerPhotoSlot(ctx, reportRepairCommand.name, {
      subjectType: 'repair_ticket',
      subjectId: ticket.id,
      label: m.repairPhotoLabel(ticket.id, equipment.code),
      notify: (await maintenanceCrew(ctx.em, ctx.config)).recipients,
    });
  },
  resume: (ctx, _step, state, answer) => attachSentPhoto(ctx, reportRepairCommand.name, state, answer),
};

export async function acceptTicket(ctx: CommandContext, ticket: RepairTicket): Promise<void> {
  await acceptRepair(ctx.services, ctx.actor, ticket);
  ctx.reply(m.repairAccepted(ticket.id, ctx.person.name));
}

/** 接单 R12 takes a repair ticket, 接单 M3 a maintenance task. */
export const acceptCommand: Command = {
  name: '接单',
  aliases: ['take'],
  roles: ['maintenance', 'team_lead', 'supervisor', 'worker'],
  help: '接下维修单（R12）或保养任务（M3）',
  args: [{ name: 'ref', label: '单号', kind: 'word' }],
  async run(ctx, args) {
    const ref = String(args.ref);
    if (refNumber(ref, 'M') !== undefined && /^m/i.test(ref))
      return acceptMaintenance(ctx, await taskOf(ctx, ref));
    await acceptTicket(ctx, await ticketOf(ctx, ref));
  },
};

export async function start(ctx: CommandContext, ticket: RepairTicket): Promise<void> {
  await startRepair(ctx.services, ctx.actor, ticket);
  ctx.reply(m.repairStarted(ticket.id));
}

export const startRepairCommand: Command = {
  name: '开始维修',
  aliases: ['fix'],
  roles: ['maintenance'],
  help: '到场开始维修',
  args: [ticketRef],
  async run(ctx, args) {
    await start(ctx, await ticketOf(ctx, String(args.ticket)));
  },
};

export async function askRepairNote(ctx: CommandContext, ticket: RepairTicket): Promise<void> {
  await assertMayFinish(ctx, ticket);
  await ctx.ask(finishRepairCommand.name, 'note', m.askRepairNote(ticket.id), { ticketId: ticket.id });
}

/** Refuses before asking for the note when the tap could not succeed anyway. */
async function assertMayFinish(ctx: CommandContext, ticket: RepairTicket): Promise<void> {
  if (ticket.state !== 'repairing') throw wrongRepairState(ticket, '提交维修完成');
  if (ticket.technician?.id !== ctx.person.id && !ctx.person.roles.includes('maintenance'))
    throw new RefusedError('not_technician', m.notYourRepair(ticket.id, ticket.technician?.name ?? m.nobody));
}

async function finish(ctx: CommandContext, ticket: RepairTicket, note: string): Promise<void> {
  await finishRepair(ctx.services, ctx.actor, ticket, note);
  ctx.reply(m.repairDone(ticket.id));
}

export const finishRepairCommand: Command = {
  name: '维修完成',
  aliases: ['fixed'],
  roles: ['maintenance'],
  help: '修好后提交验收，写明处理内容',
  args: [ticketRef, { name: 'note', label: '处理内容', kind: 'text', optional: true }],
  async run(ctx, args) {
    const ticket = await ticketOf(ctx, String(args.ticket));
    if (args.note === undefined) return askRepairNote(ctx, ticket);
    await finish(ctx, ticket, String(args.note));
  },
  async resume(ctx, _step, state, answer) {
    const ticket = await ticketForChange(ctx.em, Number(state.ticketId), `R${String(state.ticketId)}`);
    await finish(ctx, ticket, answer.trim());
  },
};

export async function pass(ctx: CommandContext, ticket: RepairTicket): Promise<void> {
  const minutes = await verifyRepair(ctx.services, ctx.actor, ticket, { pass: true });
  ctx.reply(m.repairArchived(ticket.id, m.minutesText(minutes ?? 0)));
}

export async function askRejectReason(ctx: CommandContext, ticket: RepairTicket): Promise<void> {
  if (ticket.state !== 'verifying') throw wrongRepairState(ticket, '验收');
  await ctx.ask(verifyCommand.name, 'reason', m.askRejectReason(ticket.id), { ticketId: ticket.id });
}

async function reject(ctx: CommandContext, ticket: RepairTicket, reason: string): Promise<void> {
  await verifyRepair(ctx.services, ctx.actor, ticket, { pass: false, reason });
  ctx.reply(m.repairRejected(ticket.id));
}

export const verifyCommand: Command = {
  name: '验收',
  aliases: ['verify'],
  roles: 'staff',
  help: '验收修好的设备；不通过时写上哪里还不对',
  args: [
    ticketRef,
    wordChoice('verdict', ['通过', '不通过'], true),
    { name: 'reason', label: '原因', kind: 'text', optional: true },
  ],
  async run(ctx, args) {
    const ticket = await ticketOf(ctx, String(args.ticket));
    // 不合格 and 没修好 are read as 不通过 too: they arrive in the reason's slot.
    const said = [args.verdict, args.reason].filter((w) => w !== undefined).join(' ');
    const verdict = said === '' ? '通过' : said;
    const failed = /^(不通过|不合格|没修好|fail)\s*(.*)$/s.exec(verdict);
    if (!failed) return pass(ctx, ticket);
    const reason = failed[2]?.trim() ?? '';
    if (reason === '') return askRejectReason(ctx, ticket);
    await reject(ctx, ticket, reason);
  },
  async resume(ctx, _step, state, answer) {
    const ticket = await ticketForChange(ctx.em, Number(state.ticketId), `R${String(state.ticketId)}`);
    await reject(ctx, ticket, answer.trim());
  },
};
