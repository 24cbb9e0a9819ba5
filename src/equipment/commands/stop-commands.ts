import type { Command } from '../../chat/commands/command.js';
import { restartEquipment, stopEquipment } from '../downtime-service.js';
import { equipmentNamed } from '../equipment-lookup.js';
import { equipmentMessages as m } from '../messages.js';

const operators = ['worker', 'team_lead', 'supervisor', 'maintenance'] as const;

export const stopCommand: Command = {
  name: '停机',
  aliases: ['stop'],
  roles: [...operators],
  help: '报告设备停机，开始计停机时间',
  args: [
    { name: 'equipment', label: '设备编号', kind: 'word' },
    { name: 'reason', label: '原因', kind: 'text', optional: true },
  ],
  async run(ctx, args) {
    const equipment = await equipmentNamed(ctx.em, String(args.equipment), { lock: true });
    await stopEquipment(ctx.em, ctx.actor, equipment, String(args.reason ?? '停机').slice(0, 500), ctx.tz);
    ctx.reply(m.stopped(equipment.code));
  },
};

export const restartCommand: Command = {
  name: '开机',
  aliases: ['restart'],
  roles: [...operators],
  help: '停机的设备恢复运行',
  args: [{ name: 'equipment', label: '设备编号', kind: 'word' }],
  async run(ctx, args) {
    const equipment = await equipmentNamed(ctx.em, String(args.equipment), { lock: true });
    const minutes = await restartEquipment(ctx.em, ctx.actor, equipment);
    ctx.reply(m.started(equipment.code, m.minutesText(minutes)));
  },
};
