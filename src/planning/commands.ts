import { wordChoice } from '../chat/commands/arguments.js';
import type { Command } from '../chat/commands/command.js';
import { RefusedError } from '../shared/errors.js';
import { kitting } from './kitting-service.js';
import { loadChartPng } from './load-chart.js';
import { capacityLoad } from './load-service.js';
import { loadRows, loadText } from './load-view.js';
import { planningMessages as m } from './messages.js';

/** `负荷 [设备|班组]`: the next 14 days' load, the overloaded days, the orders they make late, and the chart. */
export const loadCommand: Command = {
  name: '负荷',
  aliases: ['load', '产能负荷'],
  roles: ['planner', 'supervisor', 'manager'],
  help: m.loadHelp,
  args: [wordChoice('by', ['设备', '班组'], true)],
  async run(ctx, args) {
    const text = args.by === undefined ? '设备' : String(args.by);
    const by = m.byWords[text];
    if (!by) throw new RefusedError('bad_load_view', m.badBy(text));
    const load = await capacityLoad(ctx.em, ctx.config, ctx.tz, ctx.clock.now());
    const rows = loadRows(load, by, ctx.config);
    ctx.reply(loadText(load, rows, by, ctx.tz));
    const png = await loadChartPng(rows, load.days, by);
    if (png)
      ctx.reply({
        kind: 'image',
        title: m.loadChartTitle(by, load.days[0]!, load.days.at(-1)!),
        png: png.toString('base64'),
      });
  },
};

/** `齐套`: which open orders have their material and can start, and exactly what the others lack. */
export const kittingCommand: Command = {
  name: '齐套',
  aliases: ['kitting', '齐套检查'],
  roles: ['planner', 'supervisor', 'manager'],
  help: m.kittingHelp,
  args: [],
  async run(ctx) {
    ctx.reply(m.kitting(await kitting(ctx.em)));
  },
};
