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
