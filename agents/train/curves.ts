/**
 * Training curves: one row per logged iteration, appended to `<dir>/<run>.curve.csv` and rewritten
 * as `<dir>/<run>.curve.json` (what a UI plots), a tiny sparkline for status lines, and a terminal
 * line chart (asciichart) that `ludus train` and `ludus league` draw when they finish.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asciichart from 'asciichart';

export type CurveRow = Record<string, number | string>;

export class CurveWriter {
  readonly rows: CurveRow[] = [];
  private columns: string[] | undefined;
  readonly csvPath: string;
  readonly jsonPath: string;

  constructor(dir: string, run: string) {
    mkdirSync(dir, { recursive: true });
    this.csvPath = join(dir, `${run}.curve.csv`);
    this.jsonPath = join(dir, `${run}.curve.json`);
  }

  add(row: CurveRow): void {
    this.rows.push(row);
    if (!this.columns) {
      this.columns = Object.keys(row);
      writeFileSync(this.csvPath, this.columns.join(',') + '\n');
    }
    appendFileSync(this.csvPath, this.columns.map((c) => fmt(row[c])).join(',') + '\n');
    writeFileSync(this.jsonPath, JSON.stringify(this.rows));
  }

  /** Fill columns of the last row (e.g. the final evaluation, measured after the last iteration's row was written). */
  amendLast(cols: CurveRow): void {
    const last = this.rows[this.rows.length - 1];
    if (!last || !this.columns) return;
    Object.assign(last, cols);
    writeFileSync(
      this.csvPath,
      [this.columns.join(','), ...this.rows.map((r) => this.columns!.map((c) => fmt(r[c])).join(','))].join('\n') +
        '\n',
    );
    writeFileSync(this.jsonPath, JSON.stringify(this.rows));
  }
}

function fmt(v: number | string | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(Math.round(v * 1e6) / 1e6) : '';
  return /[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

const BARS = '▁▂▃▄▅▆▇█';

/** Values in [lo, hi] as block characters (the last `width` values); NaN shows as a space. */
export function sparkline(values: readonly number[], lo = 0, hi = 1, width = 24): string {
  return values
    .slice(-width)
    .map((v) =>
      Number.isFinite(v) ? BARS[Math.max(0, Math.min(7, Math.round(((v - lo) / (hi - lo || 1)) * 7)))]! : ' ',
    )
    .join('');
}

const COLOURS = [
  asciichart.blue,
  asciichart.green,
  asciichart.red,
  asciichart.yellow,
  asciichart.magenta,
  asciichart.cyan,
];

export interface ChartOptions {
  /** Rows of the chart (default 10). */
  height?: number;
  /** Most points drawn per series; longer series are thinned evenly (default 60). */
  width?: number;
  min?: number;
  max?: number;
  /** ANSI colours and a coloured legend (default: only when stdout is a terminal). */
  colour?: boolean;
  /** Column whose values label the x axis ends (default env_steps). */
  x?: string;
}

/**
 * The given columns of a curve as a terminal line chart, one series each, over the rows where any of
 * them has a value (a missing value repeats the previous one). Null when fewer than two such rows.
 */
export function chartColumns(
  rows: readonly CurveRow[],
  columns: readonly string[],
  title: string,
  o: ChartOptions = {},
): string | null {
  const has = (r: CurveRow, c: string) => typeof r[c] === 'number' && Number.isFinite(r[c] as number);
  let points = rows.filter((r) => columns.some((c) => has(r, c)));
  if (points.length < 2 || columns.length === 0) return null;
  const width = o.width ?? 60;
  if (points.length > width)
    points = Array.from({ length: width }, (_, i) => points[Math.round((i * (points.length - 1)) / (width - 1))]!);
  const series = columns.map((c) => {
    let last = NaN;
    const out = points.map((r) => (has(r, c) ? (last = r[c] as number) : last));
    const first = out.find((v) => Number.isFinite(v)) ?? 0;
    return out.map((v) => (Number.isFinite(v) ? v : first));
  });
  const colour = o.colour ?? Boolean(process.stdout.isTTY);
  if (!colour && columns.length > 1) {
    // Without colours the series cannot be told apart: one small chart each.
    return columns
      .map((c) =>
        chartColumns(rows, [c], `${title}: ${c}`, { ...o, height: Math.max(3, Math.round((o.height ?? 10) / 2)) }),
      )
      .filter((x): x is string => x !== null)
      .join('\n');
  }
  const chart = asciichart.plot(series, {
    height: o.height ?? 10,
    ...(o.min !== undefined ? { min: o.min } : {}),
    ...(o.max !== undefined ? { max: o.max } : {}),
    ...(colour ? { colors: columns.map((_, i) => COLOURS[i % COLOURS.length]) } : {}),
    format: (v: number) => v.toFixed(2).padStart(7),
  });
  const x = o.x ?? 'env_steps';
  const ends = [points[0]![x], points[points.length - 1]![x]].map((v) =>
    typeof v === 'number' ? v.toLocaleString('en-US') : String(v ?? ''),
  );
  const head = `${title} (${x.replace('_', ' ')} ${ends[0]} → ${ends[1]})`;
  if (!colour) return `${head}\n${chart}`;
  const legend = columns.map((c, i) => asciichart.colored(`── ${c}`, COLOURS[i % COLOURS.length])).join('   ');
  return `${head}\n${chart}\n${legend}`;
}
