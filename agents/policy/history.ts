/**
 * The history option for iterated games: the policy input is the last k encoded observations,
 * newest first, zero-padded at the start of a match. With k = 1 it is just the current encoding.
 * Used identically by rollouts and by checkpoint agents, so training and play see the same input.
 */
export class ObsStack {
  readonly buffer: Float32Array;
  private filled = 0;

  constructor(
    readonly obsSize: number,
    readonly k: number,
  ) {
    this.buffer = new Float32Array(obsSize * k);
  }

  reset(): void {
    this.buffer.fill(0);
    this.filled = 0;
  }

  /** Shift older frames back by one slot and put `obs` in front. Returns the stacked input. */
  push(obs: ArrayLike<number>): Float32Array {
    const n = this.obsSize;
    if (this.k > 1) this.buffer.copyWithin(n, 0, n * (this.k - 1));
    for (let i = 0; i < n; i++) this.buffer[i] = obs[i]!;
    this.filled = Math.min(this.k, this.filled + 1);
    return this.buffer;
  }
}
