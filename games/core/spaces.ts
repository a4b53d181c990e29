/** Small helpers for action spaces shared by the engines. */
import { GameError } from './errors.ts';

/** Mask of length n with 1 at each legal index. */
export function maskFromIndices(n: number, indices: Iterable<number>): Uint8Array {
  const m = new Uint8Array(n);
  for (const i of indices) m[i] = 1;
  return m;
}

/** Index of an action in a fixed table of labels (e.g. ['C', 'D']), or a typed error. */
export function indexIn(labels: readonly string[], label: string): number {
  const i = labels.indexOf(label);
  if (i < 0)
    throw new GameError(
      'ILLEGAL_ACTION',
      `unknown action ${JSON.stringify(label)}; expected one of ${labels.join(', ')}`,
    );
  return i;
}

export function checkIndex(n: number, index: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= n) {
    throw new GameError('ILLEGAL_ACTION', `action index ${index} is outside [0, ${n})`);
  }
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
