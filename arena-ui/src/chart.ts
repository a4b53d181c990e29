/**
 * A small SVG line chart (no chart library): one or several series of points, linear axes with
 * round ticks, a dot per point with its label as a tooltip, an optional interval per point drawn as
 * a whisker, and a legend when there are several (or named) series. Used for rating histories
 * (one series) and for scores during training (one series per evaluation opponent).
 */
import { SEAT_COLOURS, svg } from './dom.ts';

export interface ChartPoint {
  x: number;
  y: number;
  /** Tooltip text. */
  label?: string;
  /** An interval around y (e.g. a 95 % confidence interval), drawn as a vertical whisker. */
  low?: number;
  high?: number;
}

export interface ChartSeries {
  /** Shown in the legend (and as `data-series`). */
  name?: string;
  colour?: string;
  points: readonly ChartPoint[];
}

export interface ChartOptions {
  xLabel?: string;
  yLabel?: string;
  /** Colour of a single series (default blue); several series take the shared palette. */
  colour?: string;
  /** A dashed horizontal line (e.g. the starting rating). */
  baseline?: number;
  /** Values the axes must include (e.g. 0 and 1 for a score), whatever the data. */
  xMin?: number;
  xMax?: number;
  yMin?: number;
  yMax?: number;
  /** Legend: default on when there is more than one series or the only one has a name. */
  legend?: boolean;
  /** Text when there is no point at all. */
  empty?: string;
}

const W = 640;
const H = 240;
const PAD = { left: 48, right: 12, top: 12, bottom: 28 };
const LEGEND_ROW = 16;

/** Round tick step covering `span` in about `count` steps (1, 2, 5 × 10^k). */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw || 1));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/**
 * A tick's text: whole numbers as they are below 10 000 (ratings, match counts), then 12k / 1.5M;
 * fractional steps with as many decimals as the step needs (0.2 → 0.4).
 */
export function tickText(v: number, step: number): string {
  const a = Math.abs(v);
  if (a >= 1e6 - 0.5) return `${+(v / 1e6).toFixed(a >= 1e7 ? 0 : 1)}M`;
  if (a >= 1e4) return `${+(v / 1e3).toFixed(a >= 1e5 ? 0 : 1)}k`;
  if (step >= 1) return String(Math.round(v));
  const decimals = Math.min(6, Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
  return (Math.round(v / step) * step).toFixed(decimals);
}

/** One series (the rating history), as before: no legend unless asked. */
export function lineChart(points: readonly ChartPoint[], opts: ChartOptions = {}): SVGSVGElement {
  return seriesChart([{ points, colour: opts.colour }], opts);
}

/** Legend rows: items laid out left to right, wrapping at the chart's width (≈ 6.5 px a character). */
function legendLayout(names: readonly string[]): { x: number; row: number }[] {
  const out: { x: number; row: number }[] = [];
  let x = PAD.left;
  let row = 0;
  for (const n of names) {
    const w = 22 + n.length * 6.5 + 14;
    if (x + w > W - PAD.right && x > PAD.left) {
      row++;
      x = PAD.left;
    }
    out.push({ x, row });
    x += w;
  }
  return out;
}

export function seriesChart(series: readonly ChartSeries[], opts: ChartOptions = {}): SVGSVGElement {
  const all = series.flatMap((s) => s.points);
  const showLegend = opts.legend ?? (series.length > 1 || (series.length === 1 && !!series[0]!.name));
  const names = series.map((s, i) => s.name ?? `series ${i + 1}`);
  const legend = showLegend && all.length ? legendLayout(names) : [];
  const legendH = legend.length ? (legend[legend.length - 1]!.row + 1) * LEGEND_ROW : 0;
  const top = PAD.top + legendH;
  const height = H + legendH;
  const root = svg('svg', {
    viewBox: `0 0 ${W} ${height}`,
    class: 'chart',
    role: 'img',
    'aria-label': opts.yLabel ?? 'chart',
  });
  if (all.length === 0) {
    root.append(
      svg('text', { x: W / 2, y: H / 2, 'text-anchor': 'middle', class: 'tick' }, opts.empty ?? 'no data yet'),
    );
    return root;
  }
  const ys = all
    .flatMap((p) => [p.y, p.low, p.high])
    .concat(opts.baseline, opts.yMin, opts.yMax)
    .filter((v): v is number => v !== undefined && Number.isFinite(v));
  let y0 = Math.min(...ys);
  let y1 = Math.max(...ys);
  if (y1 - y0 < 1e-9) {
    y0 -= 10;
    y1 += 10;
  }
  const step = niceStep(y1 - y0, 5);
  y0 = Math.floor(y0 / step) * step;
  y1 = Math.ceil(y1 / step) * step;
  const xs = all.map((p) => p.x).concat(opts.xMin ?? [], opts.xMax ?? []);
  const x0 = Math.min(...xs);
  const x1 = Math.max(Math.max(...xs), x0 + 1);
  const X = (x: number) => PAD.left + ((x - x0) / (x1 - x0)) * (W - PAD.left - PAD.right);
  const Y = (y: number) => height - PAD.bottom - ((y - y0) / (y1 - y0)) * (height - top - PAD.bottom);

  for (let k = 0, v = y0; v <= y1 + step / 2; k++, v = y0 + k * step) {
    root.append(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: Y(v), y2: Y(v), class: 'gridline' }));
    root.append(svg('text', { x: PAD.left - 6, y: Y(v) + 4, 'text-anchor': 'end', class: 'tick' }, tickText(v, step)));
  }
  // x is a count (matches, steps): never tick between two integers.
  const xStep = Math.max(1, niceStep(x1 - x0, 8));
  for (let v = Math.ceil(x0 / xStep) * xStep; v <= x1; v += xStep) {
    const text = tickText(v, xStep);
    // A label that would run past the right edge (≈ 6.5 px a character) ends at the edge instead.
    const clipped = X(v) + (text.length * 6.5) / 2 > W;
    root.append(
      svg(
        'text',
        { x: clipped ? W - 1 : X(v), y: height - 8, 'text-anchor': clipped ? 'end' : 'middle', class: 'tick' },
        text,
      ),
    );
  }
  if (opts.baseline !== undefined)
    root.append(
      svg('line', { x1: PAD.left, x2: W - PAD.right, y1: Y(opts.baseline), y2: Y(opts.baseline), class: 'baseline' }),
    );
  if (opts.xLabel)
    root.append(
      svg(
        'text',
        { x: W - PAD.right, y: height - PAD.bottom - 4, 'text-anchor': 'end', class: 'axis-label' },
        opts.xLabel,
      ),
    );

  series.forEach((s, i) => {
    const colour =
      s.colour ?? (series.length === 1 ? opts.colour : undefined) ?? SEAT_COLOURS[i % SEAT_COLOURS.length]!;
    const g = svg('g', { class: 'series', 'data-series': names[i]! });
    const pts = s.points;
    for (const p of pts) {
      if (p.low === undefined || p.high === undefined) continue;
      const whisker = svg('line', {
        x1: X(p.x),
        x2: X(p.x),
        y1: Y(p.low),
        y2: Y(p.high),
        stroke: colour,
        'stroke-width': 1.5,
        'stroke-opacity': 0.35,
        class: 'interval',
      });
      if (p.label) whisker.append(svg('title', {}, p.label));
      g.append(whisker);
    }
    if (pts.length)
      g.append(
        svg('polyline', {
          points: pts.map((p) => `${X(p.x)},${Y(p.y)}`).join(' '),
          fill: 'none',
          stroke: colour,
          'stroke-width': 2,
        }),
      );
    for (const p of pts) {
      const dot = svg('circle', { cx: X(p.x), cy: Y(p.y), r: pts.length > 80 ? 1.5 : 3, fill: colour });
      if (p.label) dot.append(svg('title', {}, p.label));
      g.append(dot);
    }
    root.append(g);
    if (legend[i]) {
      const { x, row } = legend[i]!;
      const y = PAD.top + row * LEGEND_ROW + 4;
      root.append(
        svg(
          'g',
          { class: 'legend-item', 'data-series': names[i]! },
          svg('line', { x1: x, x2: x + 16, y1: y, y2: y, stroke: colour, 'stroke-width': 2 }),
          svg('circle', { cx: x + 8, cy: y, r: 3, fill: colour }),
          svg('text', { x: x + 22, y: y + 4, class: 'legend-text' }, names[i]!),
        ),
      );
    }
  });
  return root;
}
