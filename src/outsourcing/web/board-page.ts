import type { RiskBoard, RiskColour } from '../board.js';
import { outsourcingMessages as m } from '../messages.js';
import { html, page } from '../../shared/html.js';

export const BOARD_REFRESH_SECONDS = 60;

const css = `
*{box-sizing:border-box}body{margin:0;font:18px/1.45 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;background:#0f172a;color:#e2e8f0}
header{display:flex;justify-content:space-between;align-items:baseline;padding:14px 20px;border-bottom:1px solid #334155;flex-wrap:wrap}
h1{margin:0;font-size:26px}.sub{color:#94a3b8;font-size:15px}
main{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:14px;padding:14px}
section{background:#1e293b;border-radius:10px;padding:12px;border-top:6px solid}
section.red{border-color:#ef4444}section.yellow{border-color:#eab308}section.green{border-color:#22c55e}
h2{margin:0 0 8px;font-size:22px}ol{list-style:none;margin:0;padding:0}
li{padding:8px 0;border-bottom:1px solid #334155}li:last-child{border-bottom:0}
.no{font-weight:700}.meta{color:#94a3b8;font-size:15px}.timing{font-weight:600}
.red .timing{color:#fca5a5}.yellow .timing{color:#fde047}.green .timing{color:#86efac}`;

/** The control-room board: three colours side by side, refreshing itself. */
export function boardPage(options: { factoryName: string; at: string; board: RiskBoard }): string {
  const title = `${options.factoryName} · ${m.boardTitle(options.at)}`;
  const column = (colour: RiskColour) => {
    const rows = options.board[colour];
    return html`<section class="${colour}" data-colour="${colour}">
      <h2>${m.boardGroups[colour]} <span data-count>${rows.length}</span></h2>
      <ol>
        ${rows.map(
          (r) =>
            html`<li data-order="${r.number}">
              <span class="no">${r.number}</span> ${r.partnerName}·${r.process}
              <div class="meta">${r.productName} ${r.quantity} 件 · ${m.pageDueLabel} ${r.due}</div>
              <div class="meta">
                <span class="state">${r.stateName}</span> ·
                <span class="returned">${m.boardReturned(r.returned, r.quantity)}</span>
              </div>
              <div class="timing">${r.timing}</div>
            </li>`,
        )}
      </ol>
    </section>`;
  };
  const body = html`<header>
      <h1>${title}</h1>
      <span class="sub">${m.boardRefresh(BOARD_REFRESH_SECONDS)}</span>
    </header>
    <main>${column('red')}${column('yellow')}${column('green')}</main>`;
  return page({
    title,
    css,
    body,
    head: html`<meta http-equiv="refresh" content="${BOARD_REFRESH_SECONDS}" />`,
  });
}
