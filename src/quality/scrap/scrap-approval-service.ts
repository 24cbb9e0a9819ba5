import type { EntityManager } from '@mikro-orm/core';
import { recordAudit, type Actor } from '../../chat/audit/actor.js';
import { pushCard } from '../../chat/cards/push-card.js';
import { refreshCards } from '../../chat/cards/refresh-cards.js';
import type { CardSpec, CardSubject } from '../../chat/cards/issue-card.js';
import { text, type Recipient } from '../../chat/outbound.js';
import { rowWriteLock } from '../../db/locking.js';
import { peopleWithRole, personById } from '../../people/directory.js';
import { hasRole, type PersonView } from '../../people/person-view.js';
import { Person } from '../../people/person.entity.js';
import type { Services } from '../../services.js';
import { formatDateTime } from '../../shared/display.js';
import { RefusedError } from '../../shared/errors.js';
import type { OperationTask } from '../../workorders/operation-task.entity.js';
import { recordOutsideOutput } from '../../workorders/outside-output-service.js';
import { reportTask } from '../../workorders/reporting-service.js';
import { loadTask } from '../../workorders/task-lookup.js';
import type { QualityConfig, RejectReason, ScrapApprovers } from '../config.js';
import { scrapMessages as m } from './messages.js';
import { ScrapRequest, scrapLabel } from './scrap-request.entity.js';
import { photoLinks } from '../../chat/photos/photo-slots.js';

export const SCRAP_CARD = 'scrap_request';

/** The approval rule for an item: its own line, else the global threshold; none means no approval. */
export function scrapRule(
  config: QualityConfig,
  itemCode: string,
): { threshold: number; approvers: ScrapApprovers } | undefined {
  const rules = config.scrapApproval;
  const own = (rules.items ?? []).find((i) => i.item === itemCode);
  const threshold = own?.threshold ?? rules.threshold;
  return threshold === undefined ? undefined : { threshold, approvers: approversFor(config, itemCode) };
}

/** Who decides on scrap of an item: its own line's approvers, else the factory's. */
function approversFor(config: QualityConfig, itemCode: string): ScrapApprovers {
  const rules = config.scrapApproval;
  return (
    (rules.items ?? []).find((i) => i.item === itemCode)?.approvers ?? rules.approvers ?? 'qc_or_supervisor'
  );
}

const approverRoles = (approvers: ScrapApprovers) =>
  approvers === 'qc'
    ? (['qc'] as const)
    : approvers === 'supervisor'
      ? (['supervisor'] as const)
      : (['qc', 'supervisor'] as const);

async function approversOf(em: EntityManager, approvers: ScrapApprovers): Promise<PersonView[]> {
  const seen = new Map<string, PersonView>();
  for (const role of approverRoles(approvers))
    for (const person of await peopleWithRole(em, role)) seen.set(person.id, person);
  return [...seen.values()];
}

/** Minutes from request to decision, rounded: the approval's response time. */
export const approvalMinutes = (request: ScrapRequest): number | null =>
  request.decidedAt
    ? Math.round((request.decidedAt.getTime() - request.requestedAt.getTime()) / 60_000)
    : null;

/**
 * Stores a request and sends its card (批准 / 驳回) to every approver the rule names, in the
 * caller's transaction: a request whose report is refused is not sent either.
 */
export async function requestScrap(
  deps: Services,
  input: {
    task: OperationTask;
    personId: string;
    at: Date;
    quantity: number;
    reason: RejectReason | null;
    heldFrom?: { id?: number } | null;
    /** Scrap counted outside a 报工 (`outsourcing:OS-…`): approval posts it without a report. */
    outsideSource?: string;
    approvers: ScrapApprovers;
  },
): Promise<ScrapRequest> {
  const request = deps.em.create(ScrapRequest, {
    task: input.task,
    requestedBy: input.personId,
    requestedAt: input.at,
    quantity: input.quantity,
    reasonCode: input.reason?.code ?? null,
    heldFrom: (input.heldFrom as never) ?? null,
    outsideSource: input.outsideSource ?? null,
  });
  await deps.em.flush(); // the request's number is its id
  const recipients: Recipient[] = (await approversOf(deps.em, input.approvers)).map((p) => ({
    kind: 'person',
    personId: p.id,
  }));
  const loaded = await loadRequest(deps.em, request.id);
  await pushCard(
    deps.em,
    deps.clock,
    deps.outbox,
    recipients,
    SCRAP_CARD,
    subjectOf(loaded),
    cardOf(deps, loaded),
  );
  await deps.events.publish(deps, 'quality.scrap_requested', { request: loaded });
  return loaded;
}

export async function loadRequest(em: EntityManager, id: number): Promise<ScrapRequest> {
  return em.findOneOrFail(ScrapRequest, id, {
    populate: ['task.workOrder.item', 'requestedBy', 'decidedBy'],
  });
}

/** A request by `S<n>` with its row locked for a decision, or a refusal. */
export async function requestForDecision(em: EntityManager, ref: string): Promise<ScrapRequest> {
  const match = /^S?(\d+)$/i.exec(ref.trim());
  if (!match) throw new RefusedError('bad_scrap_ref', m.badRef(ref));
  const locked = await em.findOne(ScrapRequest, Number(match[1]), rowWriteLock(em));
  if (!locked) throw new RefusedError('scrap_request_not_found', m.notFound(ref));
  return loadRequest(em, locked.id);
}

export type ScrapVerdict = { approve: true } | { approve: false; reason: string };

/**
 * The requests still waiting that `person` may decide (each item's rule names its approvers),
 * oldest first: what `报废审批` alone lists.
 */
export async function pendingFor(deps: Services, person: PersonView): Promise<ScrapRequest[]> {
  const pending = await deps.em.find(
    ScrapRequest,
    { status: 'pending' },
    { populate: ['task.workOrder.item', 'requestedBy'], orderBy: { id: 'asc' } },
  );
  return pending.filter((request) =>
    hasRole(person, ...approverRoles(approversFor(deps.config.quality, request.task.workOrder.item.code))),
  );
}

/**
 * 批准 posts the scrap as a report of the requester's (the pieces leave the operation's open
 * quantity only now), or, when it was counted outside a 报工, as the operation's scrap with no
 * report (nobody is charged for a partner's rejects); 驳回 posts nothing. Either way the card closes, the requester is told and
 * the time from request to tap is kept.
 */
export async function decideScrap(
  deps: Services,
  actor: Actor,
  request: ScrapRequest,
  verdict: ScrapVerdict,
  /** PUBLIC_URL, for the links to the request's photos on the redrawn card. */
  publicUrl: string,
): Promise<{ minutes: number }> {
  const label = scrapLabel(request.id);
  if (request.status !== 'pending')
    throw new RefusedError(
      'scrap_decided',
      m.alreadyDecided(label, m.stateNames[request.status] ?? request.status),
    );
  const task = request.task;
  const approvers = approversFor(deps.config.quality, task.workOrder.item.code);
  if (!hasRole(actor.person, ...approverRoles(approvers)))
    throw new RefusedError(
      'not_scrap_approver',
      m.notApprover(label, m.approverNames[approvers] ?? approvers),
    );
  if (!verdict.approve && verdict.reason.trim() === '')
    throw new RefusedError('scrap_reject_reason', m.rejectNeedsReason(label));

  const order = task.workOrder.number;
  if (verdict.approve && request.outsideSource) {
    await recordOutsideOutput(deps, actor, task.id, {
      good: 0,
      scrap: request.quantity,
      source: `${request.outsideSource} ${label}`,
    });
    request.status = 'approved';
  } else if (verdict.approve) {
    const requester = (await personById(deps.em, request.requestedBy.id)) as PersonView;
    const loaded = await loadTask(deps.em, task.id);
    const outcome = await reportTask(
      deps,
      { ...actor, person: requester },
      loaded,
      loaded.task,
      0,
      request.quantity,
      { scrapApproved: true },
    );
    request.posted = outcome.report;
    request.status = 'approved';
  } else {
    request.status = 'rejected';
    request.decisionNote = verdict.reason.trim();
  }
  request.decidedBy = deps.em.getReference(Person, actor.person.id);
  request.decidedAt = actor.at;
  request.revision += 1;
  await deps.em.flush();
  const minutes = approvalMinutes(request) ?? 0;
  recordAudit(deps.em, actor, `scrap.${request.status}`, 'scrap_request', request.id, {
    order,
    quantity: request.quantity,
    minutes,
  });
  const fresh = await redrawScrapCards(deps, request.id, publicUrl, actor.person.id);
  const tell = verdict.approve
    ? m.tellApproved(label, order, task.name, request.quantity, actor.person.name)
    : m.tellRejected(label, order, task.name, actor.person.name, request.decisionNote ?? '');
  if (request.requestedBy.id !== actor.person.id)
    await deps.outbox.enqueue(deps.em, { kind: 'person', personId: request.requestedBy.id }, text(tell));
  await deps.events.publish(deps, 'quality.scrap_decided', {
    request: fresh,
    approved: verdict.approve,
    minutes,
  });
  return { minutes };
}

/** Scrap waiting for approval on an operation: reported, not posted. */
export async function pendingScrap(em: EntityManager, taskId: number): Promise<number> {
  const pending = await em.find(ScrapRequest, { task: taskId, status: 'pending' });
  return pending.reduce((n, r) => n + r.quantity, 0);
}

/**
 * The response times of scrap approvals decided in [from, to): minutes from request to the
 * approver's tap, in decision order. For the KPI's response-time figures.
 */
export async function scrapApprovalTimes(
  em: EntityManager,
  from: Date,
  to: Date,
): Promise<Array<{ id: number; requestedAt: Date; decidedAt: Date; minutes: number; approved: boolean }>> {
  const decided = await em.find(
    ScrapRequest,
    { status: { $in: ['approved', 'rejected'] }, decidedAt: { $gte: from, $lt: to } },
    { orderBy: { decidedAt: 'asc', id: 'asc' } },
  );
  return decided.map((r) => ({
    id: r.id,
    requestedAt: r.requestedAt,
    decidedAt: r.decidedAt as Date,
    minutes: approvalMinutes(r) as number,
    approved: r.status === 'approved',
  }));
}

/** Redraws every copy of a request's card as it now stands, its photos linked. */
export async function redrawScrapCards(
  deps: Services,
  requestId: number,
  publicUrl: string,
  by: string | null,
): Promise<ScrapRequest> {
  const fresh = await loadRequest(deps.em, requestId);
  const photos = await photoLinks(
    deps,
    publicUrl,
    { subjectType: 'scrap_request', subjectId: requestId },
    by,
  );
  await refreshCards(
    deps.em,
    deps.clock,
    deps.outbox,
    SCRAP_CARD,
    subjectOf(fresh),
    cardOf(deps, fresh, photos),
  );
  return fresh;
}

export const subjectOf = (request: ScrapRequest): CardSubject => ({
  type: SCRAP_CARD,
  id: String(request.id),
  version: String(request.revision),
});

/** `D01 尺寸超差`: the request's reject reason code with its name, or that the 报工 named none. */
export function reasonOf(config: Services['config'], request: ScrapRequest): string {
  const code = request.reasonCode;
  if (!code) return m.noReason;
  const name = config.quality.rejectReasons.find((r) => r.code.toUpperCase() === code.toUpperCase())?.name;
  return name ? `${code} ${name}` : code;
}

export function cardOf(
  deps: Pick<Services, 'config' | 'clock' | 'tz'>,
  request: ScrapRequest,
  /** Signed links to the photos attached to it. */
  photos: readonly string[] = [],
): CardSpec {
  const task = request.task;
  const when = (at: Date) => formatDateTime(at, deps.clock.now(), deps.tz);
  const state = m.stateNames[request.status] ?? request.status;
  const spec: CardSpec = {
    title: m.cardTitle(scrapLabel(request.id), task.workOrder.number, task.name),
    fields: [
      { label: '物料', value: `${task.workOrder.item.code} ${task.workOrder.item.name}` },
      { label: '数量', value: `${request.quantity} 件` },
      { label: '原因', value: reasonOf(deps.config, request) },
      { label: '申请人', value: `${request.requestedBy.name} ${when(request.requestedAt)}` },
      ...photos.map((link, i) => ({ label: photos.length > 1 ? `照片 ${i + 1}` : '照片', value: link })),
      { label: '状态', value: state },
    ],
    buttons:
      request.status === 'pending'
        ? [
            { text: m.approveWord, action: 'approve', style: 'primary' },
            { text: m.rejectWord, action: 'reject', style: 'danger' },
          ]
        : [],
  };
  if (request.status === 'pending') return spec;
  const note = request.decisionNote ? `：${request.decisionNote}` : '';
  return {
    ...spec,
    closedNote: m.closedNote(state, request.decidedBy?.name ?? '', when(request.decidedAt as Date)) + note,
  };
}
