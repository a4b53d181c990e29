/**
 * agents/trust-and-split — baseline agents for `trust-and-split` (baselines.ts) and the exact analysis
 * of its one-shot round (analysis/). May import games/core, games/trust-and-split and agents/core;
 * analysis/ also agents/eval and agents/registry.ts.
 */
export * from './baselines.ts';
