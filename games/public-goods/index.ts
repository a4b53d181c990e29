/**
 * games/public-goods — the linear public goods game (simultaneous, optional punishment) and its
 * sequential variant with a MAC-SPGG-style reward redesign. May import games/core and zod only.
 */
export { publicGoods } from './engine.ts';
export { sequentialPublicGoods, sequentialRewardParams } from './sequential-engine.ts';
export * from './config.ts';
export * from './actions.ts';
export * from './payoff.ts';
export * from './sequential-config.ts';
export * from './sequential-reward.ts';
export type { PublicGoodsView, RoundView } from './view.ts';
export type { PublicGoodsState, RoundRecord } from './state.ts';
export type { SequentialState, SequentialRoundRecord } from './sequential-engine.ts';
