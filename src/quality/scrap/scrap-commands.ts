import type { EntityManager } from '@mikro-orm/core';
import type { CardHandler } from '../../chat/cards/card-handler.js';
import { wordChoice } from '../../chat/commands/arguments.js';
import type { Command } from '../../chat/commands/command.js';
import type { CommandContext } from '../../chat/context.js';
import { formatDateTime } from '../../shared/display.js';
import { RefusedError } from '../../shared/errors.js';
import { assertMayPostScrap, reportTask } from '../../workorders/reporting-service.js';
import { loadOrder, operationNamed, pickTask } from '../../workorders/task-lookup.js';
import { rejectReason } from '../inspections/inspection-service.js';
import { rowWriteLock } from '../../db/locking.js';
import { photoMessages } from '../photos/messages.js';
import { attachSentPhoto, offerPhotoSlot } from '../../chat/photos/photo-slots.js';
import { scrapMessages as m } from './messages.js';
import {
  decideScrap,
  pendingFor,
  reasonOf,
  redrawScrapCards,
  requestForDecision,
  requestScrap,
  SCRAP_CARD,
  scrapRule,
  type ScrapVerdict,
} from './scrap-approval-service.js';
import { ScrapRequest, scrapLabel } from './scrap-request.entity.js';

/**
 * `报废申请 WO-7 工序20 12 D01` (or `报废申请 WO-7 12 D01` on one's own operation): scrap on its own, with its reason. Over the approval threshold
 * it waits for an approver; under it, it is posted at once as a report of scrap only.
 */
export const scrapRequestCommand: Command = {
  name: '报废申请',
  aliases: ['scrap-request', '申请报废'],
  roles: ['worker', 'team_lead', 'supervisor'],
  help: m.requestHelp,
  args: [
    { name: 'order', label: '工单号', kind: 'word' },
    // Left out, it is the person's one open operation of the order, as for 完工.
    { name: 'operation', label: '工序', kind: 'word', optional: true },
    { name: 'quantity', label: '数量', kind: 'quantity' },
    { name: 'reason', label: '原因码', kind: 'word' },
  ],
  async run(ctx, args) {
    const loaded = await loadOrder(ctx.em, String(args.order));
    const task =
      args.operation === undefined
        ? pickTask(loaded, ctx.person, undefined)
        : operationNamed(loaded, String(args.operation));
    assertMayPostScrap(ctx.actor, loaded, task);
    const quantity = Number(args.quantity);
    if (!Number.isInteger(quantity) || quantity <= 0)
      throw new RefusedError('not_whole_pieces', m.notWhole(quantity));
    const reason = rejectReason(ctx.config.quality.rejectReasons, String(args.reason));
    const rule = scrapRule(ctx.config.quality, loaded.order.item.code);
    if (!rule || quantity <= rule.threshold) {
      await reportTask(ctx.services, ctx.actor, loaded, task, 0, quantity, { scrapApproved: true });
      return ctx.reply(m.postedAtOnce(loaded.order.number, task.name, quantity));
    }
    const request = await requestScrap(ctx.services, {
      task,
      personId: ctx.person.id,
      at: ctx.actor.at,
      quantity,
      reason,
      approvers: rule.approvers,
    });
    ctx.reply(m.requested(scrapLabel(request.id), quantity, rule.threshold));
    await offerPhotoSlot(ctx, scrapRequestCommand.name, {
      subjectType: 'scrap_request',
      subjectId: request.id,
      label: photoMessages.scrapLabel(scrapLabel(request.id)),
    });
  },
  /** A photo sent after the request goes onto it, and onto the approvers' cards. */
  resume: (ctx, _step, state, answer) =>
    attachSentPhoto(ctx, scrapRequestCommand.name, state, answer, async (photoCtx, slot) => {
      const request = await photoCtx.em.findOneOrFail(
        ScrapRequest,
        slot.subjectId,
        rowWriteLock(photoCtx.em),
      );
      request.revision += 1; // cards drawn before the photo are redrawn with it
      await photoCtx.em.flush();
      await redrawScrapCards(photoCtx.services, request.id, photoCtx.publicUrl, photoCtx.person.id);
    }),
};

/** `报废审批 S3 批准` / `报废审批 S3 驳回 尺寸可返修`: the same as the card's buttons. */
export const scrapDecisionCommand: Command = {
  name: '报废审批',
  aliases: ['scrap-decide', '审批报废'],
  roles: ['qc', 'supervisor'],
  help: m.decideHelp,
  args: [
    { name: 'ref', label: '申请号', kind: 'word', optional: true },
    wordChoice('verdict', ['批准', '驳回'], true),
    { name: 'reason', label: '原因', kind: 'text', optional: true },
  ],
  async run(ctx, args) {
    if (args.ref === undefined) return listWaiting(ctx);
    const request = await requestForDecision(ctx.em, String(args.ref));
    if (args.verdict === undefined)
      throw new RefusedError('scrap_verdict_missing', m.verdictMissing(scrapLabel(request.id)));
    const word = String(args.verdict);
    const reason = String(args.reason ?? '').trim();
    if (word === m.approveWord) return decide(ctx, request, { approve: true });
    if (word !== m.rejectWord) throw new RefusedError('bad_verdict', m.badVerdict(word));
    if (reason === '') return askReason(ctx, request);
    return decide(ctx, request, { approve: false, reason });
  },
  async resume(ctx, _step, state, answer) {
    const request = await requestForDecision(ctx.em, String(state.ref));
    const reason = answer.trim();
    if (reason === '') return askReason(ctx, request);
    await decide(ctx, request, { approve: false, reason });
  },
};

async function listWaiting(ctx: CommandContext): Promise<void> {
  const waiting = await pendingFor(ctx.services, ctx.person);
  if (waiting.length === 0) return ctx.reply(m.noneWaiting);
  const when = (at: Date) => formatDateTime(at, ctx.clock.now(), ctx.tz);
  ctx.reply(
    m.waiting(
      waiting.map((r) =>
        m.waitingLine(
          scrapLabel(r.id),
          r.task.workOrder.number,
          r.task.name,
          r.quantity,
          reasonOf(ctx.services.config, r),
          `${r.requestedBy.name} ${when(r.requestedAt)}`,
        ),
      ),
      scrapLabel(waiting[0]!.id),
    ),
  );
}

async function askReason(ctx: CommandContext, request: ScrapRequest): Promise<void> {
  const label = scrapLabel(request.id);
  if (request.status !== 'pending')
    throw new RefusedError(
      'scrap_decided',
      m.alreadyDecided(label, m.stateNames[request.status] ?? request.status),
    );
  await ctx.ask(scrapDecisionCommand.name, 'reason', m.askRejectReason(label), { ref: label });
}

async function decide(ctx: CommandContext, request: ScrapRequest, verdict: ScrapVerdict): Promise<void> {
  const { minutes } = await decideScrap(ctx.services, ctx.actor, request, verdict, ctx.publicUrl);
  const label = scrapLabel(request.id);
  ctx.reply(
    verdict.approve ? m.approved(label, request.quantity, minutes) : m.rejected(label, verdict.reason),
  );
}

/** The request's card: 批准 posts the scrap, 驳回 asks the reason. */
export const scrapCardHandler: CardHandler = {
  cardType: SCRAP_CARD,
  async currentVersion(em: EntityManager, subjectId: string) {
    const request = await em.findOne(ScrapRequest, Number(subjectId));
    return request ? String(request.revision) : undefined;
  },
  async describeNow(em: EntityManager, subjectId: string) {
    const request = await em.findOne(ScrapRequest, Number(subjectId));
    return request
      ? `报废申请 ${scrapLabel(request.id)} 现在「${m.stateNames[request.status] ?? request.status}」`
      : '报废申请已不存在';
  },
  async act(ctx, subjectId, action) {
    const request = await requestForDecision(ctx.em, subjectId);
    switch (action) {
      case 'approve':
        return decide(ctx, request, { approve: true });
      case 'reject':
        return askReason(ctx, request);
      default:
        throw new Error(`unknown scrap card action ${action}`);
    }
  },
};
