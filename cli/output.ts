/** Shared CLI output: tables, JSON/CSV, progress bars, and turning typed errors into exit codes. */
import { TournamentError } from '../agents/tournament/spec.ts';
import { SingleBar, Presets } from 'cli-progress';
import Table from 'cli-table3';
import { GameError } from '../games/core/errors.ts';

export function table(head: string[], rows: (string | number)[][]): string {
  // Compact: no separator line between body rows.
  const t = new Table({
    head,
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const r of rows) t.push(r.map(String));
  return t.toString();
}

export function csv(head: string[], rows: (string | number)[][]): string {
  const cell = (v: string | number) => {
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [head, ...rows].map((r) => r.map(cell).join(',')).join('\n');
}

/**
 * A progress bar on stderr (so that --json/--csv on stdout stay clean); silent when stderr is not
 * a terminal unless LUDUS_PROGRESS=1.
 */
export function progress(total: number, label: string): { tick(n?: number): void; stop(): void } {
  const show = process.stderr.isTTY || process.env.LUDUS_PROGRESS === '1';
  if (!show) return { tick() {}, stop() {} };
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | eta {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return { tick: (n = 1) => bar.increment(n), stop: () => bar.stop() };
}

/** Run a command body; typed errors become one clear line on stderr and exit code 2. */
export async function guard(fn: () => unknown | Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof GameError || e instanceof UsageError || e instanceof TournamentError) {
      process.stderr.write(`ludus: ${e instanceof UsageError ? '' : `${e.code}: `}${e.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw e;
  }
}

/** A bad command line (not a game rule). */
export class UsageError extends Error {}

export function parseNumber(
  name: string,
  value: string,
  opts: { min?: number; max?: number; integer?: boolean } = {},
): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x))
    throw new UsageError(`--${name} must be a number, got ${JSON.stringify(value)}`);
  if (opts.integer && !Number.isInteger(x)) throw new UsageError(`--${name} must be a whole number, got ${value}`);
  if (opts.min !== undefined && x < opts.min)
    throw new UsageError(`--${name} must be at least ${opts.min}, got ${value}`);
  if (opts.max !== undefined && x > opts.max)
    throw new UsageError(`--${name} must be at most ${opts.max}, got ${value}`);
  return x;
}

/** `--set key=value` pairs into a config object; values are JSON when they parse, else strings. */
export function parseSets(sets: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of sets) {
    const i = kv.indexOf('=');
    if (i <= 0) throw new UsageError(`--set expects key=value, got ${JSON.stringify(kv)}`);
    const key = kv.slice(0, i);
    const raw = kv.slice(i + 1);
    let v: unknown = raw;
    try {
      v = JSON.parse(raw);
    } catch {
      /* keep as string */
    }
    out[key] = v;
  }
  return out;
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}
