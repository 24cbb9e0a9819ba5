import type { Recipient } from '../../chat/outbound.js';
import { peopleWithRole } from '../../people/directory.js';
import type { Services } from '../../services.js';
import type { OperationTask } from '../../workorders/operation-task.entity.js';
import { inspectionMessages as m } from './messages.js';

/** Who judges first articles: QC, or the supervisors where the factory has no QC person. */
export async function inspectors(deps: Services): Promise<Array<{ id: string; name: string }>> {
  const qc = await peopleWithRole(deps.em, 'qc');
  return qc.length > 0 ? qc : peopleWithRole(deps.em, 'supervisor');
}

/** The first pieces are in: every inspector is asked, in the same transaction as the report. */
export async function askForFirstArticle(
  deps: Services,
  order: string,
  task: OperationTask,
  pieces: number,
): Promise<void> {
  const text = m.askQc(order, task.name, task.sequence, pieces, deps.config.quality.rejectReasons);
  for (const person of await inspectors(deps))
    await deps.outbox.enqueue(deps.em, { kind: 'person', personId: person.id }, { kind: 'text', text });
}

/** Tells whoever works the operation what QC decided, so nobody waits at the machine for nothing. */
export async function tellOperator(deps: Services, task: OperationTask, text: string): Promise<void> {
  const recipient: Recipient | undefined = task.assignee
    ? { kind: 'person', personId: task.assignee.id }
    : task.team
      ? { kind: 'team', teamId: task.team.id }
      : undefined;
  if (recipient) await deps.outbox.enqueue(deps.em, recipient, { kind: 'text', text });
}
