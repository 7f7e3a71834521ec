import { ticks } from 'd3-array';
/** A line chart of (x, y) points as a standalone SVG document. */
export interface LinePlot {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Raw points, drawn faintly. */
  points: { x: number; y: number }[];
  /** Smoothed points, drawn bold (e.g. a moving average). */
  smooth?: { x: number; y: number }[];
  /** A horizontal reference line (e.g. the env's reward threshold). */
  reference?: { y: number; label: string };
}

const W = 720;
const H = 420;
const M = { left: 70, right: 20, top: 40, bottom: 50 };

/** Round tick values inside [lo, hi]: steps of 1, 2 or 5 × 10^k (d3-array's `ticks`, as the web's charts). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  return ticks(lo, hi, count);
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function formatTick(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${v / 1e6}M`;
  if (a >= 1e3) return `${v / 1e3}k`;
  return String(v);
}

/** Renders the plot; an empty series gives the axes and a "no data" note. */
export function renderLinePlot(plot: LinePlot): string {
  const all = [...plot.points, ...(plot.smooth ?? [])];
  const ys = all.map((p) => p.y).concat(plot.reference ? [plot.reference.y] : []);
  const xs = all.map((p) => p.x);
  let [x0, x1] = xs.length ? [Math.min(0, ...xs), Math.max(...xs)] : [0, 1];
  let [y0, y1] = ys.length ? [Math.min(...ys), Math.max(...ys)] : [0, 1];
  if (x1 === x0) x1 = x0 + 1;
  if (y1 === y0) [y0, y1] = [y0 - 1, y1 + 1];
  const pad = (y1 - y0) * 0.05;
  y0 -= pad;
  y1 += pad;
  const px = (x: number) => M.left + ((x - x0) / (x1 - x0)) * (W - M.left - M.right);
  const py = (y: number) => H - M.bottom - ((y - y0) / (y1 - y0)) * (H - M.top - M.bottom);
  const path = (pts: { x: number; y: number }[]) =>
    pts.map((p, i) => `${i ? 'L' : 'M'}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join('');
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="24" text-anchor="middle" font-size="15">${escapeXml(plot.title)}</text>`,
  ];
  for (const t of niceTicks(x0, x1)) {
    parts.push(
      `<line x1="${px(t)}" y1="${M.top}" x2="${px(t)}" y2="${H - M.bottom}" stroke="#eee"/>`,
      `<text x="${px(t)}" y="${H - M.bottom + 18}" text-anchor="middle">${formatTick(t)}</text>`,
    );
  }
  for (const t of niceTicks(y0, y1)) {
    parts.push(
      `<line x1="${M.left}" y1="${py(t)}" x2="${W - M.right}" y2="${py(t)}" stroke="#eee"/>`,
      `<text x="${M.left - 8}" y="${py(t) + 4}" text-anchor="end">${formatTick(t)}</text>`,
    );
  }
  parts.push(
    `<line x1="${M.left}" y1="${H - M.bottom}" x2="${W - M.right}" y2="${H - M.bottom}" stroke="black"/>`,
    `<line x1="${M.left}" y1="${M.top}" x2="${M.left}" y2="${H - M.bottom}" stroke="black"/>`,
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 10}" text-anchor="middle">${escapeXml(plot.xLabel)}</text>`,
    `<text transform="translate(18 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(plot.yLabel)}</text>`,
  );
  if (plot.reference) {
    const y = py(plot.reference.y);
    parts.push(
      `<line x1="${M.left}" y1="${y}" x2="${W - M.right}" y2="${y}" stroke="#c33" stroke-dasharray="6 4"/>`,
      `<text x="${W - M.right - 4}" y="${y - 6}" text-anchor="end" fill="#c33">${escapeXml(plot.reference.label)}</text>`,
    );
  }
  if (plot.points.length > 0) {
    parts.push(`<path d="${path(plot.points)}" fill="none" stroke="#9bbbe0" stroke-width="1"/>`);
  }
  if (plot.smooth && plot.smooth.length > 0) {
    parts.push(`<path d="${path(plot.smooth)}" fill="none" stroke="#1f5fa8" stroke-width="2.5"/>`);
  }
  if (all.length === 0) {
    parts.push(
      `<text x="${W / 2}" y="${H / 2}" text-anchor="middle" fill="#888">no finished episodes</text>`,
    );
  }
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

/** Trailing moving average over `window` points. */
export function movingAverage(
  points: { x: number; y: number }[],
  window: number,
): { x: number; y: number }[] {
  let sum = 0;
  return points.map((p, i) => {
    sum += p.y;
    if (i >= window) sum -= points[i - window]!.y;
    return { x: p.x, y: sum / Math.min(i + 1, window) };
  });
}
