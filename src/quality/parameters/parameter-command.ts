import type { Command } from '../../chat/commands/command.js';
import { subscribe } from '../../events/domain-events.js';
import { hasRole } from '../../people/person-view.js';
import { RefusedError } from '../../shared/errors.js';
import { parameterMessages as m } from './messages.js';
import {
  declaredParameters,
  recordParameters,
  reportByRef,
  reportRef,
  type ParameterValue,
} from './parameter-service.js';

/** `温度=230 扭矩=12.5` (also `：`, `＝`, full-width digits already folded by the parser). */
export function readValues(text: string): ParameterValue[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  return words.map((word) => {
    const match = /^([^=＝:：]+)[=＝:：](.+)$/.exec(word);
    if (!match) throw new RefusedError('bad_parameter', m.badPair(word));
    const name = match[1]!;
    const raw = match[2]!.replace(/[^\d.+-]+$/, ''); // a unit typed after the number
    const value = /^[+-]?\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isFinite(value)) throw new RefusedError('not_a_number', m.notANumber(name, match[2]!));
    return { name, value };
  });
}

/**
 * `参数 B12 温度=230 扭矩=12`: the process parameters of a report, by its number. A worker
 * records their own reports; leads, supervisors and QC any.
 */
export const parameterCommand: Command = {
  name: '参数',
  aliases: ['parameters', '工艺参数'],
  roles: ['worker', 'team_lead', 'supervisor', 'qc'],
  help: m.help,
  args: [
    { name: 'report', label: '报工号', kind: 'word' },
    { name: 'values', label: '名=值', kind: 'text', optional: true },
  ],
  async run(ctx, args) {
    const report = await reportByRef(ctx.em, String(args.report));
    const label = reportRef(report.id);
    if (report.person.id !== ctx.person.id && !hasRole(ctx.person, 'team_lead', 'supervisor', 'qc'))
      throw new RefusedError('not_your_report', m.notYours(label));
    const values = readValues(String(args.values ?? ''));
    const readings = await recordParameters(ctx.services, ctx.actor, report, values, 'chat');
    ctx.reply(
      m.recorded(
        label,
        readings.map((r) => m.line(r.name, r.value, r.unit, r.outOfLimits, r.exceptionId ?? null)),
      ),
    );
  },
};

/** A 报工 on an operation with declared parameters asks for them in the reply. */
export const askForParameters = subscribe({
  event: 'workorders.report_recorded',
  phase: 'in_transaction',
  async handle({ report }, unit) {
    if (!unit.note || report.good + report.scrap <= 0 || report.reverses) return;
    const task = report.task;
    const declared = declaredParameters(unit.config.quality, task);
    if (declared.length === 0) return;
    await unit.em.flush(); // the report's number is its id
    unit.note(m.ask(reportRef(report.id), task.workOrder.number, task.name, declared));
  },
});
