/**
 * Tournaments as pure functions: formats and rules (spec.ts), pairings (pairing.ts: Swiss by
 * blossom matching from edmonds-blossom-fixed, Berger round robins, the seeded bracket), the state
 * machine (engine.ts), points (points.ts), standings and tiebreaks (standings.ts), and the
 * in-process driver (run.ts). May import games/ and agents/eval; never server/.
 */
export * from './spec.ts';
export * from './engine.ts';
export * from './points.ts';
export * from './standings.ts';
export * from './run.ts';
export { eliminationBracket, roundRobinRounds, swissRound, type PairedMatch, type SwissPlayer } from './pairing.ts';
