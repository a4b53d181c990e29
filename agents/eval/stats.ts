/** Small, game-agnostic statistics used by the CLI, tournaments and docs/results.md. */

export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

/**
 * Wilson score interval for a proportion (Wilson 1927); draws count as half a success by the
 * caller's choice. z = 1.96 for 95 %.
 */
export function wilson(successes: number, n: number, z = 1.96): Interval {
  if (n === 0) return { estimate: NaN, low: 0, high: 1 };
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { estimate: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length ? s / xs.length : NaN;
}

/** Sample standard deviation (n − 1). */
export function stdev(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

/** Normal-approximation 95 % interval of a mean. */
export function meanInterval(xs: readonly number[], z = 1.96): Interval {
  const m = mean(xs);
  const half = xs.length > 1 ? (z * stdev(xs)) / Math.sqrt(xs.length) : NaN;
  return { estimate: m, low: m - half, high: m + half };
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function formatInterval(iv: Interval, digits = 3): string {
  if (!Number.isFinite(iv.low) || !Number.isFinite(iv.high)) return `${iv.estimate.toFixed(digits)} [n too small]`;
  return `${iv.estimate.toFixed(digits)} [${iv.low.toFixed(digits)}, ${iv.high.toFixed(digits)}]`;
}
