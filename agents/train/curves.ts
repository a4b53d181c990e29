/**
 * Training curves: one row per logged iteration, appended to `<dir>/<run>.curve.csv` and rewritten
 * as `<dir>/<run>.curve.json` (what a UI plots), plus a tiny sparkline for status lines.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
    .map((v) => (Number.isFinite(v) ? BARS[Math.max(0, Math.min(7, Math.round(((v - lo) / (hi - lo || 1)) * 7)))]! : ' '))
    .join('');
}
