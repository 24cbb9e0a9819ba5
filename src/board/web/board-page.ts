import type { BoardSnapshot, OpenItem } from '../board-service.js';
import type { BoardKpi } from '../board-kpis.js';
import { equipmentMessages } from '../../equipment/messages.js';
import { workOrderMessages } from '../../workorders/messages.js';
import { formatDay } from '../../shared/display.js';
import { boardMessages as m } from '../messages.js';
import { escapeHtml, html, type Html } from '../../shared/html.js';
import { sparkline } from './sparkline.js';

/** Rows a list shows before `另有 N 项`: what fits a panel at any 16:9 size, the font scaling with the screen. */
export const MAX_ROWS = 6;
/** A late order takes two lines (its why has one of its own): as many fit as six rows of one. */
const RISK_ROWS = 4;

const MACHINE_STATES = ['running', 'stopped', 'maintenance', 'repair'] as const;

/**
 * Sized in vh so the same six panels fill a 1920×1080 wall screen or a 1280×720 one alike:
 * three columns, two rows, nothing scrolls; long text is cut with an ellipsis, long lists
 * end in `另有 N 项`. Dark background, large figures: read from across the room.
 */
const css = `
*{box-sizing:border-box}
html,body{margin:0;height:100%;overflow:hidden}
body{font:2.5vh/1.3 system-ui,"WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",sans-serif;background:#0b1220;color:#e2e8f0}
header{height:7vh;display:flex;align-items:center;justify-content:space-between;padding:0 1.6vh;border-bottom:.2vh solid #1e293b}
h1{margin:0;font-size:3.6vh;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.status{display:flex;gap:2vh;align-items:center;color:#94a3b8;font-size:2.2vh;white-space:nowrap}
.live::before{content:"●";color:#22c55e;margin-right:.6vh}.live.off::before{color:#ef4444}
main{height:93vh;display:grid;grid-template-columns:repeat(3,minmax(0,1fr));grid-template-rows:repeat(2,minmax(0,1fr));gap:1.4vh;padding:1.4vh}
section{background:#111c2e;border-radius:1vh;padding:1.2vh 1.6vh;overflow:hidden;display:flex;flex-direction:column;min-width:0;min-height:0}
h2{margin:0 0 .8vh;font-size:2.8vh;display:flex;justify-content:space-between;white-space:nowrap}
h2 .count{color:#fbbf24}
ol{list-style:none;margin:0;padding:0;min-height:0}
li{display:flex;gap:1.2vh;align-items:baseline;padding:.55vh 0;border-bottom:.1vh solid #1e293b;white-space:nowrap;min-width:0}
li:last-child{border-bottom:0}
.cut{overflow:hidden;text-overflow:ellipsis;min-width:0;flex:1}
.strong{font-weight:700}.dim{color:#94a3b8}.more{color:#94a3b8;padding-top:.5vh;font-size:2vh}
.age{margin-left:auto;font-weight:700;color:#fca5a5}
/* A late order's why is the point of the row: it gets a line of its own rather than the item's leftover. */
li.risk{flex-wrap:wrap;row-gap:.3vh}.why{flex-basis:100%;overflow:hidden;text-overflow:ellipsis;font-size:2vh}
.line{display:grid;grid-template-columns:minmax(0,7em) minmax(0,1fr) auto;align-items:center;gap:1.2vh;padding:.7vh 0}
.bar{height:2.2vh;background:#1e293b;border-radius:1.1vh;overflow:hidden}.bar i{display:block;height:100%;background:#3b82f6}
.bar.ok i{background:#22c55e}.figure{font-size:3.4vh;font-weight:700;white-space:nowrap}.figure small{font-size:2vh;color:#94a3b8;font-weight:400}
.tiles{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:1vh;margin-bottom:1vh}
.tiles.three{grid-template-columns:repeat(3,minmax(0,1fr))}
.tile{border-radius:.8vh;padding:.6vh .8vh;text-align:center;background:#1e293b;white-space:nowrap;overflow:hidden}
.tile b{display:block;font-size:4.4vh;line-height:1.1}.tile span{font-size:1.9vh}
.running b,.green b{color:#4ade80}.stopped b,.yellow b{color:#facc15}.maintenance b{color:#60a5fa}.repair b,.red b{color:#f87171}
.kpi{display:grid;grid-template-columns:minmax(0,1fr) auto 8em;align-items:center;gap:1.2vh;padding:.6vh 0;border-bottom:.1vh solid #1e293b}
.kpi:last-child{border-bottom:0}.kpi .name{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.kpi .name small{display:block;color:#94a3b8;font-size:1.8vh}
.spark{width:8em;height:2em;display:block}.spark polyline{fill:none;stroke:#38bdf8;stroke-width:2.5}.spark circle{fill:#fbbf24}
.tag{font-size:1.8vh;padding:0 .6vh;border-radius:.5vh;background:#334155}
.tag.red{background:#7f1d1d}.tag.yellow{background:#713f12}`;

export interface BoardView {
  tz: string;
  now: Date;
}

const percent = (r: number) => `${(r * 100).toFixed(1)}%`;

function rows<T>(items: readonly T[], row: (item: T) => Html, max = MAX_ROWS): Html {
  const shown = items.slice(0, max).map(row);
  const rest = items.length - max;
  return html`<ol>
      ${shown}
    </ol>
    ${rest > 0 ? html`<div class="more">${m.more(rest)}</div>` : ''}`;
}

function linesPanel(s: BoardSnapshot): Html {
  const lines = s.lines.slice(0, MAX_ROWS);
  return html`<section id="lines" data-panel="lines">
    <h2>${m.linesTitle}</h2>
    ${lines.map((l) => {
      const share = l.plan > 0 ? Math.min(1, l.good / l.plan) : l.good > 0 ? 1 : 0;
      return html`<div class="line" data-team="${l.teamId}">
        <span class="strong cut">${l.name}</span>
        <div class="bar${l.plan > 0 && l.good >= l.plan ? ' ok' : ''}">
          <i style="width:${(share * 100).toFixed(1)}%"></i>
        </div>
        <span class="figure"
          ><span data-good>${l.good}</span>
          <small>/ ${l.plan}${l.planFromTarget ? '' : ` ${m.linesPlanLined}`}</small></span
        >
      </div>`;
    })}
    ${s.lines.length > MAX_ROWS ? html`<div class="more">${m.more(s.lines.length - MAX_ROWS)}</div>` : ''}
  </section>`;
}

function atRiskPanel(s: BoardSnapshot, view: BoardView): Html {
  return html`<section id="at-risk" data-panel="at-risk">
    <h2>${m.atRiskTitle} <span class="count">${s.atRisk.length}</span></h2>
    ${
      s.atRisk.length === 0
        ? html`<div class="dim">${m.none}</div>`
        : rows(
            s.atRisk,
            (o) =>
              html`<li class="risk" data-order="${o.orderNumber}">
                <span class="strong">${o.orderNumber}</span>
                <span class="cut dim">${o.itemCode}</span>
                <span class="age">${m.atRiskDue(formatDay(o.dueAt, view.now, view.tz))}</span>
                <span class="why dim"
                  >${m.atRiskFinish(formatDay(o.projectedFinishAt, view.now, view.tz))} · ${o.reason}</span
                >
              </li>`,
            RISK_ROWS,
          )
    }
  </section>`;
}

function machinesPanel(s: BoardSnapshot): Html {
  const names = equipmentMessages.statusNames;
  const notRunning = s.machines.filter((x) => x.status !== 'running');
  return html`<section id="machines" data-panel="machines">
    <h2>${m.machinesTitle} <span class="count">${s.machines.length}</span></h2>
    <div class="tiles">
      ${MACHINE_STATES.map(
        (state) =>
          html`<div class="tile ${state}" data-state="${state}">
            <b>${s.machines.filter((x) => x.status === state).length}</b><span>${names[state] ?? state}</span>
          </div>`,
      )}
    </div>
    ${
      notRunning.length === 0
        ? html`<div class="dim">${m.machinesAllRunning}</div>`
        : rows(
            notRunning,
            (x) =>
              html`<li data-machine="${x.code}">
                <span class="strong">${x.code}</span><span class="cut dim">${x.name}</span
                ><span class="tag ${x.status === 'repair' ? 'red' : 'yellow'}"
                  >${names[x.status] ?? x.status}</span
                >
              </li>`,
          )
    }
  </section>`;
}

function openPanel(s: BoardSnapshot, view: BoardView): Html {
  const items: Array<OpenItem & { label: string }> = [
    ...s.exceptions.map((e) => ({ ...e, label: workOrderMessages.exceptionKindNames[e.what] ?? e.what })),
    ...s.repairs.map((r) => ({ ...r, label: equipmentMessages.repairStateNames[r.what] ?? r.what })),
  ].sort((a, b) => a.since.getTime() - b.since.getTime());
  return html`<section id="open" data-panel="open">
    <h2>${m.openTitle} <span class="count">${items.length}</span></h2>
    ${
      items.length === 0
        ? html`<div class="dim">${m.none}</div>`
        : rows(
            items,
            (i) =>
              html`<li data-ref="${i.ref}">
                <span class="strong">${i.ref}</span><span class="tag">${i.label}</span>
                <span class="cut">${i.detail}</span>
                <span class="age">${m.age(view.now.getTime() - i.since.getTime())}</span>
              </li>`,
          )
    }
  </section>`;
}

function outsourcingPanel(s: BoardSnapshot): Html {
  const o = s.outsourcing;
  const urgent = [...o.red, ...o.yellow];
  return html`<section id="outsourcing" data-panel="outsourcing">
    <h2>${m.outsourcingTitle}</h2>
    <div class="tiles three">
      ${(['red', 'yellow', 'green'] as const).map(
        (colour) =>
          html`<div class="tile ${colour}" data-colour="${colour}">
            <b>${o[colour].length}</b><span>${m.outsourcingGroups[colour]}</span>
          </div>`,
      )}
    </div>
    ${
      urgent.length === 0
        ? html`<div class="dim">${m.none}</div>`
        : rows(
            urgent,
            (r) =>
              html`<li data-outsourcing="${r.number}">
                <span class="strong">${r.number}</span>
                <span class="cut dim">${r.partnerName}·${r.process}</span>
                <span class="tag ${r.colour}">${r.timing}</span>
              </li>`,
          )
    }
  </section>`;
}

function kpiValue(k: BoardKpi, value: number | null | undefined): string {
  if (value === null || value === undefined) return m.noFigure;
  return k.unit === 'rate' ? percent(value) : `${value.toFixed(1)} 小时`;
}

function kpiPanel(s: BoardSnapshot): Html {
  return html`<section id="kpi" data-panel="kpi">
    <h2>${m.kpiTitle}</h2>
    ${s.kpis.map(
      (k) =>
        html`<div class="kpi" data-kpi="${k.key}">
          <span class="name"
            >${m.kpiNames[k.key]}${
              k.baseline === undefined ? '' : html`<small>${m.kpiBaseline(kpiValue(k, k.baseline))}</small>`
            }</span
          >
          <span class="figure">${kpiValue(k, k.weeks.at(-1))}</span>
          ${sparkline(k.weeks)}
        </div>`,
    )}
  </section>`;
}

/** The six panels: what the page first shows and what every live update replaces. */
export function boardPanels(s: BoardSnapshot, view: BoardView): string {
  return [
    linesPanel(s),
    atRiskPanel(s, view),
    machinesPanel(s),
    openPanel(s, view),
    outsourcingPanel(s),
    kpiPanel(s),
  ]
    .map((p) => p.value)
    .join('\n');
}

/**
 * Keeps itself current over server-sent events: each `board` event carries the panels as
 * HTML and the time they were read. EventSource reconnects by itself after a drop (the
 * server ends a stream now and then, and at shutdown).
 */
const script = `
(() => {
  const token = new URLSearchParams(location.search).get('token') || '';
  const live = document.getElementById('live');
  const source = new EventSource('/board/events?token=' + encodeURIComponent(token));
  source.addEventListener('board', (event) => {
    const data = JSON.parse(event.data);
    document.getElementById('board').innerHTML = data.panels;
    document.getElementById('at').textContent = data.at;
    document.body.dataset.version = String(data.version);
  });
  source.addEventListener('open', () => { live.classList.remove('off'); live.textContent = live.dataset.on; });
  source.addEventListener('error', () => { live.classList.add('off'); live.textContent = live.dataset.off; });
})();`;

export function boardPage(options: { factoryName: string; at: string; panels: string }): string {
  const title = `${options.factoryName} · ${m.title}`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body data-version="0">
<header>
<h1>${escapeHtml(title)}</h1>
<div class="status"><span id="at">${escapeHtml(options.at)}</span><span id="live" class="live off" data-on="${escapeHtml(m.live)}" data-off="${escapeHtml(m.offline)}">${escapeHtml(m.offline)}</span></div>
</header>
<main id="board">
${options.panels}
</main>
<script>${script}</script>
</body>
</html>`;
}

/** A refused link: a small page, as big as the board's letters. */
export function refusedPage(title: string, text: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font:3vh/1.5 system-ui,sans-serif;background:#0b1220;color:#e2e8f0;padding:6vh}</style></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></body></html>`;
}
