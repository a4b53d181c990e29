/**
 * games/sumo — RoboSumo-lite (see README.md). May import: games/core, planck, zod.
 */
export { sumo, initSumo, stepSumo, observeSumo, encodeSumo } from './engine.ts';
export * from './config.ts';
export * from './actions.ts';
export * from './observe.ts';
export type { SumoState, SumoOutcome, SumoEndReason } from './state.ts';
