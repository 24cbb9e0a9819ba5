import type { EntityManager } from '@mikro-orm/core';
import type { Actor } from '../../chat/audit/actor.js';
import { recordAudit } from '../../chat/audit/actor.js';
import { personById } from '../../people/directory.js';
import type { PersonView } from '../../people/person-view.js';
import type { Services } from '../../services.js';
import { RefusedError } from '../../shared/errors.js';
import { raiseException } from '../../workorders/exception-service.js';
import type { OperationTask } from '../../workorders/operation-task.entity.js';
import { loadOrder } from '../../workorders/task-lookup.js';
import { WorkReport } from '../../workorders/work-report.entity.js';
import type { ProcessParameter, QualityConfig } from '../config.js';
import { parameterMessages as m } from './messages.js';
import { ParameterReading } from './parameter-reading.entity.js';

/**
 * The parameters an operation asks for: those its routing step declared when the order was made
 * (copied onto the operation, like the 首检 flag; the ERP's, through the API or an import), then
 * factory.yaml's for the item's step. Where both name a parameter, factory.yaml's line wins
 * whole: it is the factory's own override of limits the ERP keeps sending back.
 */
export function declaredParameters(config: QualityConfig, task: OperationTask): ProcessParameter[] {
  const item = task.workOrder.item.code;
  const local = config.parameters.filter((p) => p.item === item && p.sequence === task.sequence);
  const routed = (task.parameters ?? [])
    .filter((p) => !local.some((l) => l.name === p.name))
    .map((p) => ({ ...p, item, sequence: task.sequence }));
  return [...routed, ...local];
}

export const isOutside = (p: Pick<ProcessParameter, 'min' | 'max'>, value: number): boolean =>
  (p.min !== undefined && value < p.min) || (p.max !== undefined && value > p.max);

export const reportRef = (id: number): string => `B${id}`;

export async function reportByRef(em: EntityManager, ref: string): Promise<WorkReport> {
  const id = Number(/^B?(\d+)$/i.exec(ref.trim())?.[1]);
  if (!Number.isInteger(id)) throw new RefusedError('bad_report_ref', m.badRef(ref));
  const report = await em.findOne(WorkReport, id, { populate: ['task.workOrder.item', 'person'] });
  if (!report) throw new RefusedError('report_not_found', m.reportNotFound(ref), { id });
  return report;
}

export interface ParameterValue {
  name: string;
  value: number;
}

/**
 * Stores the values measured for a report. A value already stored under the same name is a
 * replay and changes nothing (the gateway may post twice); a different one is refused. A
 * value outside its limits raises one quality exception, named on the reading, at once.
 * Everything is checked before anything is stored: one bad name stores none.
 */
export async function recordParameters(
  deps: Services,
  actor: Actor,
  report: WorkReport,
  values: readonly ParameterValue[],
  source: 'chat' | 'api',
): Promise<ParameterReading[]> {
  const task = report.task;
  const order = task.workOrder;
  const label = reportRef(report.id);
  const declared = declaredParameters(deps.config.quality, task);
  if (declared.length === 0) throw new RefusedError('no_parameters', m.noneDeclared(order.number, task.name));
  if (values.length === 0) throw new RefusedError('no_values', m.noValues);
  const existing = await deps.em.find(ParameterReading, { report }, { orderBy: { id: 'asc' } });
  const fresh: Array<{ param: ProcessParameter; value: number }> = [];
  for (const { name, value } of values) {
    const param = declared.find((p) => p.name === name);
    if (!param) throw new RefusedError('unknown_parameter', m.unknown(name, declared), { name });
    if (!Number.isFinite(value)) throw new RefusedError('not_a_number', m.notANumber(name, String(value)));
    const stored = existing.find((r) => r.name === name) ?? fresh.find((f) => f.param.name === name);
    const was = stored?.value;
    if (was !== undefined && was !== value)
      throw new RefusedError('parameter_recorded', m.changed(name, was, param.unit));
    if (was === undefined) fresh.push({ param, value });
  }
  const readings = fresh.map(({ param, value }) =>
    deps.em.create(ParameterReading, {
      report,
      name: param.name,
      unit: param.unit,
      value,
      min: param.min ?? null,
      max: param.max ?? null,
      outOfLimits: isOutside(param, value),
      exceptionId: null,
      source,
      recordedAt: actor.at,
    }),
  );
  await deps.em.flush(); // the unique (report, name) stops a concurrent replay here
  const outside = readings.filter((r) => r.outOfLimits);
  if (outside.length > 0) {
    const worker = ((await personById(deps.em, report.person.id)) ?? actor.person) as PersonView;
    const loaded = await loadOrder(deps.em, order.number);
    const same = loaded.tasks.find((t) => t.id === task.id);
    for (const reading of outside) {
      const param = declared.find((p) => p.name === reading.name) as ProcessParameter;
      const reason = m.exceptionReason(label, reading.name, reading.value, param);
      // Raised in the worker's name: the exception is about their operation, whoever measured it.
      const exception = await raiseException(deps, { ...actor, person: worker }, loaded, same, reason);
      reading.exceptionId = exception.id;
      await deps.events.publish(deps, 'quality.parameter_out_of_limits', {
        reading,
        exceptionId: exception.id,
      });
    }
  }
  recordAudit(deps.em, actor, 'parameters.record', 'work_report', report.id, {
    values: fresh.map((f) => ({ name: f.param.name, value: f.value })),
    source,
  });
  return [...existing, ...readings].sort(
    (a, b) => declared.findIndex((p) => p.name === a.name) - declared.findIndex((p) => p.name === b.name),
  );
}

/** Every reading of the reports of an order, for the trace: by report id. */
export async function readingsOfOrder(em: EntityManager, orderId: number): Promise<ParameterReading[]> {
  return em.find(
    ParameterReading,
    { report: { task: { workOrder: orderId } } },
    { orderBy: { recordedAt: 'asc', id: 'asc' } },
  );
}
