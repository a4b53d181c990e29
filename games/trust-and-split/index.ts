/**
 * games/trust-and-split — Trust-and-Split, a two-player social dilemma with free-text negotiation
 * (rules and sources in docs/trust-and-split.md). May import games/core and zod only.
 */
export * from './config.ts';
export { trustAndSplit } from './engine.ts';
export { OBS_SIZE, type TrustSplitObservation } from './observe.ts';
export { splitCoins, splitPoints, valuesOf, winnerOf } from './rules.ts';
export type { ChatLine, Phase, RoundRecord, TrustSplitState } from './state.ts';
export { actionText, parseAction, type TrustSplitAction } from './text.ts';
