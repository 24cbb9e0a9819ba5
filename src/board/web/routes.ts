import type { Server } from 'node:http';
import Router from '@koa/router';
import type { Middleware } from 'koa';
import { unitOf, type AppServices } from '../../app-services.js';
import { verifyBoardLink } from '../../outsourcing/board-service.js';
import { AppError } from '../../shared/errors.js';
import { inZone } from '../../shared/time.js';
import { BoardHub } from '../board-hub.js';
import { boardSnapshot } from '../board-service.js';
import { boardMessages as m } from '../messages.js';
import { boardPage, boardPanels, refusedPage } from './board-page.js';

/**
 * The control-room board at `/board?token=…` (a `大屏` link) and its live feed at
 * `/board/events?token=…` (server-sent events), both without a login.
 */
export function boardPages(services: AppServices): Router {
  const router = new Router();
  const read = async () => {
    const now = services.clock.now();
    const snapshot = await boardSnapshot({
      em: unitOf(services).em,
      config: services.config,
      tz: services.tz,
      now,
    });
    return {
      panels: boardPanels(snapshot, { tz: services.tz, now }),
      at: m.updatedAt(inZone(now, services.tz).format('MM-DD HH:mm:ss')),
    };
  };
  const hub = new BoardHub({ read, logger: services.logger });
  const linked: Middleware = async (ctx, next) => {
    try {
      const token = typeof ctx.query.token === 'string' ? ctx.query.token : '';
      await verifyBoardLink(unitOf(services).em, token, services.clock.now());
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'link_invalid') throw error;
      ctx.status = error.status;
      ctx.type = 'html';
      ctx.body = refusedPage(m.linkInvalidTitle, m.linkInvalid);
      return;
    }
    await next();
  };

  router.get('/board', linked, async (ctx) => {
    const frame = await read();
    ctx.type = 'html';
    ctx.set('cache-control', 'no-store');
    ctx.body = boardPage({
      factoryName: services.config.factory.name,
      at: frame.at,
      panels: frame.panels,
    });
  });

  router.get('/board/events', linked, (ctx) => {
    const socket = ctx.req.socket;
    socket.setTimeout(0);
    socket.setNoDelay(true);
    ctx.status = 200;
    ctx.set('cache-control', 'no-store');
    // Proxies (nginx) would otherwise hold the events back in their buffer.
    ctx.set('x-accel-buffering', 'no');
    ctx.body = hub.watch((socket as unknown as { server?: Server }).server);
    ctx.type = 'text/event-stream';
  });
  return router;
}
