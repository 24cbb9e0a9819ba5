import type { Services } from '../../services.js';
import Router from '@koa/router';
import type { Middleware } from 'koa';
import { unitOf, type AppServices } from '../../app-services.js';
import { parseQuantity } from '../../chat/text/chinese-number.js';
import { AppError, RefusedError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { riskBoard } from '../board.js';
import { moveByLink, ordersOfLink, rescheduleByLink, type UploadedPhoto } from '../link-actions.js';
import { verifyAccessLink } from '../links.js';
import { outsourcingMessages as m } from '../messages.js';
import { formatDateTime } from '../../shared/display.js';
import { formatAt, orderLines, parseReturnAt } from '../order-view.js';
import type { MediaConfig } from '../../config/factory-config.js';
import { imageTypeOf } from '../../shared/media/image-type.js';
import { maxMediaBytes } from '../../shared/media/media-store.js';
import { statesOf } from '../states.js';
import { boardPage } from './board-page.js';
import { readMultipart } from './multipart.js';
import { MAX_RESCHEDULE_REASON, messagePage, partnerPage } from './partner-page.js';
import { inZone } from '../../shared/time.js';

/**
 * The pages outsourcing serves without a login: a partner's orders at `/p/<token>` and the
 * control-room board at `/board/outsourcing?token=…`. A refusal a person can act on (an
 * expired link, a move the rules do not allow) is shown as a page, not as JSON.
 */
export function outsourcingPages(services: AppServices): Router {
  const router = new Router();
  const refusals = pageErrors(services.logger);
  const deps = (): Services => unitOf(services);

  router.get('/p/:token', refusals, async (ctx) => {
    const d = deps();
    const now = services.clock.now();
    const link = await verifyAccessLink(d.em, ctx.params.token ?? '', 'partner', now);
    const states = statesOf(services.config.outsourcing);
    const orders = await ordersOfLink(d, link);
    const lines = await orderLines(d.em, orders, states, { tz: services.tz, now });
    const done = typeof ctx.query.done === 'string' ? ctx.query.done : undefined;
    const sent = typeof ctx.query.sent === 'string' ? Number(ctx.query.sent) : undefined;
    const moved = done ? orders.find((o) => o.number === done) : undefined;
    const rescheduled = typeof ctx.query.rescheduled === 'string' ? ctx.query.rescheduled : undefined;
    const movedReturn = orders.find((o) => o.number === rescheduled);
    ctx.type = 'html';
    ctx.set('cache-control', 'no-store');
    ctx.body = partnerPage({
      partnerName: link.partner?.name ?? '',
      orders: lines.map((line, i) => {
        const order = orders[i];
        const next = order ? states.allowedFrom(order.state) : [];
        return {
          ...line,
          overdue: order !== undefined && order.expectedReturnAt.getTime() < now.getTime(),
          dueInput: order ? inZone(order.expectedReturnAt, services.tz).format('YYYY-MM-DDTHH:mm') : '',
          next: next.map((id) => ({ id, name: states.nameOf(id), sendsBack: states.isBack(id) })),
        };
      }),
      action: (number) =>
        `/p/${encodeURIComponent(ctx.params.token ?? '')}/orders/${encodeURIComponent(number)}`,
      rescheduleAction: (number) =>
        `/p/${encodeURIComponent(ctx.params.token ?? '')}/orders/${encodeURIComponent(number)}/return`,
      ...(movedReturn
        ? {
            notice: {
              text: m.pageRescheduled(
                movedReturn.number,
                formatDateTime(movedReturn.expectedReturnAt, now, services.tz),
              ),
              error: false,
            },
          }
        : {}),
      ...(done
        ? {
            notice: {
              text:
                sent === undefined
                  ? m.pageDone(done, moved ? states.nameOf(moved.state) : states.returnedState.name)
                  : m.pageSent(done, sent, moved ? moved.quantity - moved.returnedQuantity : 0),
              error: false,
            },
          }
        : {}),
      expires: m.pageExpires(formatDateTime(link.expiresAt ?? now, now, services.tz)),
    });
  });

  router.post('/p/:token/orders/:number', refusals, async (ctx) => {
    const d = deps();
    const token = ctx.params.token ?? '';
    const link = await verifyAccessLink(d.em, token, 'partner', services.clock.now());
    const maxBytes = maxMediaBytes(services.config.media);
    const form = await readMultipart(ctx, maxBytes + 64 * 1024);
    const photo = await photoOf(form.get('photo'), services.config.media);
    const number = ctx.params.number ?? '';
    const quantity = quantityOf(form.get('quantity'));
    const to = String(form.get('to') ?? '');
    const { outcome } = await moveByLink(d, link, number, to, photo, quantity, services.settings.publicUrl);
    services.logger.info(
      { number, channel: 'link', photo: photo !== undefined, returned: outcome.received?.received },
      'partner moved an outsourcing order',
    );
    const sent = outcome.received ? `&sent=${outcome.received.received}` : '';
    // Post/redirect/get: reloading the page does not submit the move again.
    ctx.redirect(`/p/${encodeURIComponent(token)}?done=${encodeURIComponent(number)}${sent}`);
    ctx.status = 303;
  });

  router.post('/p/:token/orders/:number/return', refusals, async (ctx) => {
    const d = deps();
    const token = ctx.params.token ?? '';
    const now = services.clock.now();
    const link = await verifyAccessLink(d.em, token, 'partner', now);
    const form = await readMultipart(ctx, 16 * 1024);
    const number = ctx.params.number ?? '';
    const { at, reason } = newReturnOf(form, now, services.tz, services.config.outsourcing.defaultReturnTime);
    await rescheduleByLink(d, link, number, at, reason);
    services.logger.info({ number, channel: 'link' }, 'partner moved an outsourcing return');
    ctx.redirect(`/p/${encodeURIComponent(token)}?rescheduled=${encodeURIComponent(number)}`);
    ctx.status = 303;
  });

  router.get('/board/outsourcing', refusals, async (ctx) => {
    const d = deps();
    const now = services.clock.now();
    await verifyAccessLink(d.em, typeof ctx.query.token === 'string' ? ctx.query.token : '', 'board', now);
    ctx.type = 'html';
    ctx.set('cache-control', 'no-store');
    ctx.body = boardPage({
      factoryName: services.config.factory.name,
      at: formatAt(now, services.tz),
      board: await riskBoard(d.em, services.config, services.tz, now),
    });
  });
  return router;
}

/** 发回多少件: empty means not given; anything else must read as a number. */
function quantityOf(value: ReturnType<FormData['get']>): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const quantity = parseQuantity(value);
  if (quantity === undefined) {
    throw new RefusedError('bad_quantity', m.partnerWords.badQuantity(value.trim()));
  }
  return quantity;
}

/**
 * The new return time as the page's `datetime-local` sends it (`2026-12-03T14:00`, factory
 * time; a browser without that input sends what was typed, read as chat reads it), and why.
 */
function newReturnOf(
  form: FormData,
  now: Date,
  tz: string,
  defaultTime: string,
): { at: Date; reason: string | null } {
  const typed = String(form.get('at') ?? '').trim();
  const at = parseReturnAt(typed.replace('T', ' '), now, tz, defaultTime);
  if (!at) throw new RefusedError('bad_return_time', m.badReturnTime(typed));
  const reason = String(form.get('reason') ?? '').trim();
  if ([...reason].length > MAX_RESCHEDULE_REASON)
    throw new RefusedError('reason_too_long', m.pageReasonTooLong(MAX_RESCHEDULE_REASON));
  return { at, reason: reason === '' ? null : reason };
}

async function photoOf(
  value: ReturnType<FormData['get']>,
  media: MediaConfig,
): Promise<UploadedPhoto | undefined> {
  const maxBytes = maxMediaBytes(media);
  if (value === null || typeof value === 'string' || value.size === 0) return undefined;
  const bytes = new Uint8Array(await value.arrayBuffer());
  const type = imageTypeOf(bytes);
  if (!type || bytes.length > maxBytes) {
    throw new AppError('photo_refused', 'The photo is not an accepted image.', {
      status: 415,
      userMessage: m.pagePhotoBad(media.maxMegabytes),
    });
  }
  return { bytes, ...type };
}

/** Refusals with a Chinese message become a small page with the right status; the rest go to the error middleware. */
function pageErrors(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (!(error instanceof AppError) || !error.expose || error.userMessage === undefined) throw error;
      logger.warn(
        { code: error.code, status: error.status, path: ctx.path.replace(/\/p\/[^/]+/, '/p/…') },
        'page request refused',
      );
      const invalidLink = error.code === 'link_invalid';
      const back = invalidLink ? undefined : /^\/p\/[^/]+/.exec(ctx.path)?.[0];
      ctx.status = error.status;
      ctx.type = 'html';
      ctx.body = messagePage(
        invalidLink ? m.pageLinkInvalidTitle : m.pageRefusedTitle,
        error.userMessage,
        back,
      );
    }
  };
}
