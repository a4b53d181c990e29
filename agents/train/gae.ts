/**
 * Generalised advantage estimation (Schulman et al. 2016, "High-Dimensional Continuous Control
 * Using GAE", eq. 16): δ_t = r_t + γ V(s_{t+1}) (1 − done_t) − V(s_t),
 * A_t = δ_t + γλ (1 − done_t) A_{t+1}; the value target is A_t + V(s_t).
 * One call per trajectory segment of one seat in one environment, in time order.
 */
export function gae(
  rewards: ArrayLike<number>,
  values: ArrayLike<number>,
  /** True when the segment ends the episode (no bootstrap). */
  terminal: boolean,
  /** V of the state after the last transition, used when not terminal. */
  bootstrap: number,
  gamma: number,
  lambda: number,
  advOut: Float32Array,
  retOut: Float32Array,
): void {
  const n = rewards.length;
  let next = terminal ? 0 : bootstrap;
  let acc = 0;
  for (let t = n - 1; t >= 0; t--) {
    const delta = rewards[t]! + gamma * next - values[t]!;
    acc = delta + gamma * lambda * acc;
    advOut[t] = acc;
    retOut[t] = acc + values[t]!;
    next = values[t]!;
  }
}
