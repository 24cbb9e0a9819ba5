import { html, type Html } from '../../shared/html.js';

/**
 * A week-by-week line as inline SVG, scaled to its own range (a wall screen shows the trend,
 * the number beside it the level). Weeks without a figure leave a gap; the last point is marked.
 */
export function sparkline(values: ReadonlyArray<number | null>, width = 160, height = 40): Html {
  const known = values.flatMap((v) => (v === null ? [] : [v]));
  if (known.length === 0)
    return html`<svg class="spark" viewBox="0 0 ${width} ${height}" aria-hidden="true"></svg>`;
  const min = Math.min(...known);
  const max = Math.max(...known);
  const pad = 4;
  const x = (i: number) => pad + (values.length === 1 ? 0 : (i * (width - 2 * pad)) / (values.length - 1));
  const y = (v: number) =>
    max === min ? height / 2 : height - pad - ((v - min) * (height - 2 * pad)) / (max - min);
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length > 0) segments.push(current.join(' '));
      current = [];
      return;
    }
    current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (current.length > 0) segments.push(current.join(' '));
  const lastIndex = values.length - 1 - [...values].reverse().findIndex((v) => v !== null);
  const last = values[lastIndex] ?? null;
  return html`<svg class="spark" viewBox="0 0 ${width} ${height}" aria-hidden="true">
    ${segments.map((points) => html`<polyline points="${points}" />`)}
    ${last === null ? '' : html`<circle cx="${x(lastIndex).toFixed(1)}" cy="${y(last).toFixed(1)}" r="3.5" />`}
  </svg>`;
}
