/**
 * games/dilemmas — iterated two-player 2×2 games (prisoner's dilemma, stag hunt, chicken, any
 * table) on one engine. May import games/core and zod only.
 */
export * from './config.ts';
export * from './engine.ts';
export type { DilemmaObservation } from './observe.ts';
export type { DilemmaState } from './state.ts';
export { MOVE_WORDS, type DilemmaAction } from './text.ts';
export { OBS_SIZE } from './encode.ts';
