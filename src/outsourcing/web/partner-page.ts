import { outsourcingMessages as m } from '../messages.js';
import type { OrderLine } from '../messages.js';
import { html, page, type Html } from '../../shared/html.js';

/** The longest reason a partner may give for a new return time, on the page and on the server. */
export const MAX_RESCHEDULE_REASON = 100;

export interface PartnerOrderCard extends OrderLine {
  overdue: boolean;
  /** The expected return as a `datetime-local` input holds it: `2026-12-03T14:00`, factory time. */
  dueInput: string;
  /** The states this order may move to; one that `sendsBack` asks how many pieces. */
  next: Array<{ id: string; name: string; sendsBack: boolean }>;
}

const css = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f4f5f7;color:#1d2129}
header{background:#1f6feb;color:#fff;padding:14px 16px}h1{font-size:20px;margin:0}
main{padding:12px;max-width:640px;margin:0 auto}.note{background:#e8f5e9;border-left:4px solid #2e7d32;padding:10px 12px;margin-bottom:12px;border-radius:6px}
.error{background:#fdecea;border-left-color:#c62828}
.card{background:#fff;border-radius:10px;padding:14px;margin-bottom:12px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.card h2{font-size:17px;margin:0 0 6px}.meta{color:#4e5969;font-size:14px;word-break:break-all}.late{color:#c62828;font-weight:600}
form{margin-top:10px}label{display:block;font-size:14px;color:#4e5969;margin-bottom:6px}
input[type=file]{width:100%;font-size:14px;margin-bottom:10px}
details{margin-top:10px}summary{color:#1f6feb;font-size:15px;min-height:32px}
input[type=number],input[type=datetime-local],input[type=text]{display:block;width:100%;min-height:44px;font-size:18px;padding:6px 10px;border:1px solid #c9cdd4;border-radius:8px;margin-top:4px}
button{display:block;width:100%;min-height:48px;border:0;border-radius:8px;background:#1f6feb;color:#fff;font-size:17px;margin-top:8px}
footer{color:#86909c;font-size:13px;text-align:center;padding:16px}`;

export function partnerPage(options: {
  partnerName: string;
  orders: PartnerOrderCard[];
  action: (number: string) => string;
  rescheduleAction: (number: string) => string;
  notice?: { text: string; error: boolean };
  expires: string;
}): string {
  const cards: Html[] = options.orders.map(
    (o) =>
      html`<section class="card" data-order="${o.number}">
        <h2>${o.number}</h2>
        <div class="meta">
          ${o.productName}（${o.productCode}）· ${o.process} · ${m.pageQuantityLabel} ${o.quantity}
        </div>
        <div class="meta">
          ${m.pageStateLabel}：<b class="state">${o.stateName}</b> · ${m.pageDueLabel}
          <span class="${o.overdue ? 'late' : ''}">${o.due}</span>
        </div>
        ${o.returned > 0 ? html`<div class="meta sent">${m.pageSentSoFar(o.returned, o.quantity)}</div>` : html``}
        ${
          o.next.length === 0
            ? html``
            : html`<form method="post" enctype="multipart/form-data" action="${options.action(o.number)}">
                <label
                  >${m.pagePhoto}<input type="file" name="photo" accept="image/*" capture="environment"
                /></label>
                ${o.next.map((s) => (s.sendsBack ? sendBack(o, s.id) : moveButton(s.id, s.name)))}
              </form>`
        }
        ${reschedule(o, options.rescheduleAction(o.number))}
      </section>`,
  );
  const notice = options.notice
    ? html`<div class="note${options.notice.error ? ' error' : ''}" role="status">
        ${options.notice.text}
      </div>`
    : html``;
  const body = html`<header><h1>${m.pageTitle(options.partnerName)}</h1></header>
    <main>${notice}${cards.length === 0 ? html`<p>${m.pageNoOrders}</p>` : cards}</main>
    <footer>${options.expires}</footer>`;
  return page({ title: m.pageTitle(options.partnerName), css, body });
}

function moveButton(id: string, name: string): Html {
  return html`<button type="submit" name="to" value="${id}">${m.pageMoveTo(name)}</button>`;
}

/** Folded away: most visits move the state; a new return time is the exception. */
function reschedule(o: PartnerOrderCard, action: string): Html {
  return html`<details class="reschedule">
    <summary>${m.pageRescheduleSummary}</summary>
    <form method="post" enctype="multipart/form-data" action="${action}">
      <label
        >${m.pageNewReturnLabel}<input type="datetime-local" name="at" required value="${o.dueInput}"
      /></label>
      <label
        >${m.pageReasonLabel}<input type="text" name="reason" maxlength="${MAX_RESCHEDULE_REASON}"
      /></label>
      <button type="submit">${m.pageReschedule}</button>
    </form>
  </details>`;
}

/** Sending pieces back is asked as the partner thinks of it: how many, not which state. */
function sendBack(o: OrderLine, id: string): Html {
  const left = o.quantity - o.returned;
  return html`<label
      >${m.pageSendBackLabel}<input
        type="number"
        name="quantity"
        inputmode="numeric"
        min="1"
        max="${left}"
        value="${left}"
    /></label>
    <button type="submit" name="to" value="${id}">${m.pageSendBack}</button>`;
}

export function messagePage(title: string, text: string, back?: string): string {
  const link = back ? html`<p><a href="${back}">${m.pageBack}</a></p>` : html``;
  return page({
    title,
    css,
    body: html`<header><h1>${title}</h1></header>
      <main>
        <div class="note error" role="alert">${text}</div>
        ${link}
      </main>`,
  });
}
