/**
 * games/vgc — VGC-lite, a Pokémon-like doubles battle engine with original creatures and moves.
 * May import: games/core, zod. Never agents/, server/ or cli/. See README.md.
 */
export { vgc } from './game.ts';
export type { VgcConfig } from './config.ts';
export type { VgcAction, PreviewAction, TurnAction, SlotChoice } from './actions.ts';
export type { VgcObs, MonView, SideView } from './view.ts';
export type { VgcState } from './state.ts';
