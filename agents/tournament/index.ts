/**
 * Tournaments as pure functions: formats and rules (spec.ts), pairings from tournament-pairings
 * (pairing.ts), the state machine (engine.ts), points (points.ts), standings and tiebreaks
 * (standings.ts), and the in-process driver (run.ts). May import games/ and agents/eval; never server/.
 */
export * from './spec.ts';
export * from './engine.ts';
export * from './points.ts';
export * from './standings.ts';
export * from './run.ts';
export { withSeededRandom } from './pairing.ts';
