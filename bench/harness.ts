/**
 * The benchmark harness behind `npm run bench`. Each file bench/<area>.bench.ts default-exports a
 * list of benches. A bench measures its subject AND, where one exists, a reference in the same run
 * (e.g. @pkmn/sim, a bare planck loop, a raw ws echo), and reports both with their ratio, so that
 * figures compare across machines.
 */
export interface Measurement {
  name: string;
  value: number;
  unit: string;
  /** Name of the reference measured in the same run. */
  baseline?: string;
  baselineValue?: number;
  /** value / baselineValue (or the inverse for lower-is-better units; the bench decides). */
  ratio?: number;
  /** Target stated by an issue, e.g. '>= 50x'; printed beside the figure. */
  goal?: string;
}

export interface BenchContext {
  report(m: Measurement): void;
  /** Live status line on stderr (long benches must show progress). */
  status(text: string): void;
}

export interface Bench {
  name: string;
  run(ctx: BenchContext): Promise<void> | void;
}

/** Run fn repeatedly for about `seconds`, returning operations per second (ops counted by fn). */
export function throughput(seconds: number, fn: () => number): { opsPerSec: number; ops: number; elapsed: number } {
  const start = performance.now();
  let ops = 0;
  let now = start;
  while (now - start < seconds * 1000) {
    ops += fn();
    now = performance.now();
  }
  const elapsed = (now - start) / 1000;
  return { opsPerSec: ops / elapsed, ops, elapsed };
}
