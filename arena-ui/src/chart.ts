/**
 * A small SVG line chart (no chart library): one series of points, linear axes with round ticks,
 * a dot per point with its label as a tooltip. Used for rating histories.
 */
import { svg } from './dom.ts';

export interface ChartPoint {
  x: number;
  y: number;
  /** Tooltip text. */
  label?: string;
}

const W = 640;
const H = 240;
const PAD = { left: 48, right: 12, top: 12, bottom: 28 };

/** Round tick step covering `span` in about `count` steps (1, 2, 5 × 10^k). */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw || 1));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

export function lineChart(points: readonly ChartPoint[], opts: { xLabel?: string; yLabel?: string; colour?: string; baseline?: number } = {}): SVGSVGElement {
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img', 'aria-label': opts.yLabel ?? 'chart' });
  if (points.length === 0) {
    root.append(svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'tick' }, 'no data yet'));
    return root;
  }
  const ys = points.map((p) => p.y).concat(opts.baseline !== undefined ? [opts.baseline] : []);
  let y0 = Math.min(...ys);
  let y1 = Math.max(...ys);
  if (y1 - y0 < 1e-9) {
    y0 -= 10;
    y1 += 10;
  }
  const step = niceStep(y1 - y0, 5);
  y0 = Math.floor(y0 / step) * step;
  y1 = Math.ceil(y1 / step) * step;
  const x0 = points[0]!.x;
  const x1 = Math.max(points[points.length - 1]!.x, x0 + 1);
  const X = (x: number) => PAD.left + ((x - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const Y = (y: number) => H - PAD.bottom - ((y - y0) / (y1 - y0)) * (H - PAD.top - PAD.bottom);

  for (let v = y0; v <= y1 + step / 2; v += step) {
    root.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: Y(v), y2: Y(v), class: 'gridline' }));
    root.append(svg('text', { x: PAD.left - 6, y: Y(v) + 4, 'text-anchor': 'end', class: 'tick' }, String(Math.round(v))));
  }
  // x is a count (matches, steps): never tick between two integers.
  const xStep = Math.max(1, niceStep(x1 - x0, 8));
  for (let v = Math.ceil(x0 / xStep) * xStep; v <= x1; v += xStep) {
    root.append(svg('text', { x: X(v), y: H - 8, 'text-anchor': 'middle', class: 'tick' }, String(Math.round(v))));
  }
  if (opts.baseline !== undefined) root.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: Y(opts.baseline), y2: Y(opts.baseline), class: 'baseline' }));
  if (opts.xLabel) root.append(svg('text', { x: W - PAD.right, y: H - PAD.bottom - 4, 'text-anchor': 'end', class: 'axis-label' }, opts.xLabel));
  const colour = opts.colour ?? '#2f6fdf';
  root.append(svg('polyline', { points: points.map((p) => `${X(p.x)},${Y(p.y)}`).join(' '), fill: 'none', stroke: colour, 'stroke-width': 2 }));
  for (const p of points) {
    const dot = svg('circle', { cx: X(p.x), cy: Y(p.y), r: points.length > 80 ? 1.5 : 3, fill: colour });
    if (p.label) dot.append(svg('title', {}, p.label));
    root.append(dot);
  }
  return root;
}
