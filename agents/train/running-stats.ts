/**
 * Running mean and variance (Chan et al. 1979 parallel update, as in openai/baselines
 * common/running_mean_std.py), per component. Used for observation normalisation and for the
 * reward scale (the std of the discounted return, baselines VecNormalize).
 */
export class RunningMeanStd {
  readonly mean: Float64Array;
  readonly var: Float64Array;
  count = 1e-4;

  constructor(readonly size: number) {
    this.mean = new Float64Array(size);
    this.var = new Float64Array(size).fill(1);
  }

  /** One sample. */
  push(x: ArrayLike<number>): void {
    const n = this.count + 1;
    for (let i = 0; i < this.size; i++) {
      const d = x[i]! - this.mean[i]!;
      const m = this.mean[i]! + d / n;
      // Welford-style update of the population variance.
      this.var[i] = (this.var[i]! * this.count + d * (x[i]! - m)) / n;
      this.mean[i] = m;
    }
    this.count = n;
  }

  std(i: number, eps = 1e-8): number {
    return Math.sqrt(this.var[i]! + eps);
  }

  /**
   * Fold in the statistics of another sample (Chan et al. parallel update, baselines'
   * update_from_moments). Used to merge what worker threads saw, in worker order.
   */
  merge(o: { mean: ArrayLike<number>; var: ArrayLike<number>; count: number }): void {
    if (!(o.count > 0)) return;
    const tot = this.count + o.count;
    for (let i = 0; i < this.size; i++) {
      const d = o.mean[i]! - this.mean[i]!;
      const m2 = this.var[i]! * this.count + o.var[i]! * o.count + (d * d * (this.count * o.count)) / tot;
      this.mean[i] = this.mean[i]! + d * (o.count / tot);
      this.var[i] = m2 / tot;
    }
    this.count = tot;
  }

  /** Become a copy of `o`. */
  setFrom(o: { mean: ArrayLike<number>; var: ArrayLike<number>; count: number }): void {
    for (let i = 0; i < this.size; i++) {
      this.mean[i] = o.mean[i]!;
      this.var[i] = o.var[i]!;
    }
    this.count = o.count;
  }

  /** Forget everything: count 0, so that the next sample alone sets the mean. */
  clear(): void {
    this.mean.fill(0);
    this.var.fill(1);
    this.count = 0;
  }

  toJSON(): { mean: number[]; var: number[]; count: number } {
    return { mean: [...this.mean], var: [...this.var], count: this.count };
  }

  static from(j: { mean: number[]; var: number[]; count: number }): RunningMeanStd {
    const r = new RunningMeanStd(j.mean.length);
    r.mean.set(j.mean);
    r.var.set(j.var);
    r.count = j.count;
    return r;
  }
}
