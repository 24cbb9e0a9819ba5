import Router from '@koa/router';
import { unitOf, type AppServices } from '../app-services.js';
import { downloadRoute, type RenderDownload } from '../http/downloads/download-links.js';
import { RefusedError } from '../shared/errors.js';
import { CJK_FONTS, html, page } from '../shared/html.js';
import { inZone } from '../shared/time.js';
import { qualityMessages as m } from './messages.js';
import { traceAnswer } from './trace-answer.js';
import type { TraceKind } from './trace-service.js';

export const TRACE_PAGE = 'trace';
/** Long enough to forward to a customer the same day; the page shows the trace as it is when opened. */
export const TRACE_LINK_HOURS = 24;

const KINDS: readonly TraceKind[] = ['lot', 'order', 'serial'];

/** What a link traces: the kind is kept, so a code that later also names something else is not asked about. */
export const traceSubject = (kind: TraceKind, code: string) => `${kind}:${code}`;

const CSS = `
body { font-family: ${CJK_FONTS}; margin: 2rem auto; max-width: 46rem; color: #111; line-height: 1.6; }
h1 { font-size: 1.4rem; margin: 0 0 .25rem; }
.meta { color: #555; font-size: .9rem; margin-bottom: 1.25rem; }
.trace { white-space: pre-wrap; font-size: 1rem; border-top: 2px solid #111; padding-top: 1rem; }
.print { float: right; font-size: 1rem; padding: .3rem 1rem; }
@media print { .print { display: none; } body { margin: 0; max-width: none; } }
`;

/** The trace a link names, as a page to print: the same words 追溯 answers in chat, at the time it is opened. */
export const renderTracePage: RenderDownload = async (services, subject) => {
  const at = subject.indexOf(':');
  const kind = subject.slice(0, at) as TraceKind;
  const code = subject.slice(at + 1);
  if (!KINDS.includes(kind)) return undefined;
  const now = services.clock.now();
  let text: string;
  try {
    ({ text } = await traceAnswer(unitOf(services).em, code, kind, {
      config: services.config,
      now,
      tz: services.tz,
    }));
  } catch (error) {
    if (error instanceof RefusedError) return undefined; // the record is gone
    throw error;
  }
  const title = m.pageTitle(services.config.factory.name, code);
  const body = html`<button class="print" onclick="window.print()">${m.printButton}</button>
    <h1>${title}</h1>
    <div class="meta">${m.pageGenerated(inZone(now, services.tz).format('YYYY-MM-DD HH:mm'))}</div>
    <div class="trace">${text}</div>`;
  return {
    fileName: `${title}.html`,
    contentType: 'text/html; charset=utf-8',
    body: Buffer.from(page({ title, css: CSS, body })),
  };
};

export function tracePages(services: AppServices): Router {
  return downloadRoute(services, TRACE_PAGE, renderTracePage, m.pageExpired);
}
