import Router from '@koa/router';
import { CJK_FONTS, html, page } from '../shared/html.js';
import { ticketMessages as m } from './messages.js';

const CSS = `
body { font-family: ${CJK_FONTS}; margin: 0 auto; padding: 1.5rem; max-width: 30rem; color: #111; line-height: 1.6; font-size: 1.1rem; }
h1 { font-size: 1.5rem; margin: 0 0 1rem; }
.code { font-size: 1.3rem; font-weight: bold; margin-bottom: 1rem; }
.say { display: block; font-family: monospace; font-size: 1.2rem; background: #f2f2f2; border-radius: .4rem; padding: .5rem .75rem; margin: .5rem 0; user-select: all; }
.note { color: #666; font-size: .9rem; margin-top: 1.5rem; }
`;

/** A page that points the scanner back to the chat: what to send for this code, and nothing of the order. */
function landing(code: string, commands: string[]): string {
  const body = html`<h1>${m.landingTitle}</h1>
    <div class="code">${code}</div>
    <p>${m.landingHow}</p>
    ${commands.map((c) => html`<code class="say">${c}</code>`)}
    <p class="note">${m.landingNothingShown}</p>`;
  return page({ title: `${m.landingTitle} · ${code}`, css: CSS, body });
}

/**
 * `/wo/<工单>[/<工序>]` and `/lot/<批次>`, what the printed QR codes hold. The WeCom scan menu
 * sends the text to the bot; a scanner that opens it as a link (DingTalk's, a phone camera)
 * lands here. Anyone can open it, so it names what to send and shows no record.
 */
export function scanLandingPages(): Router {
  const router = new Router();
  const send = (
    ctx: { type: string; body: unknown; set(field: string, value: string): void },
    body: string,
  ) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  };
  router.get('/wo/:order/:sequence', (ctx) => {
    const order = ctx.params.order ?? '';
    const sequence = Number(ctx.params.sequence);
    if (!Number.isInteger(sequence) || sequence <= 0) return;
    send(
      ctx,
      landing(m.landingOperation(order, sequence), [
        `开工 ${order} 工序${sequence}`,
        `完工 ${order} 工序${sequence}`,
      ]),
    );
  });
  router.get('/wo/:order', (ctx) => {
    const order = ctx.params.order ?? '';
    send(ctx, landing(m.landingOrder(order), [`工单 ${order}`]));
  });
  router.get('/lot/:lot', (ctx) => {
    const lot = ctx.params.lot ?? '';
    send(ctx, landing(m.landingLot(lot), [`领料 <工单号> ${lot} <数量>`]));
  });
  return router;
}
