/**
 * games/core — the engine kernel shared by every game, the server, training, benches and the UI.
 * May import: zod, pure-rand, @noble/hashes, safe-stable-stringify. Never server/ or agents/.
 */
export * from './types.ts';
export * from './errors.ts';
export * from './rng.ts';
export * from './hash.ts';
export * from './kernel.ts';
export * from './match.ts';
export * from './runner.ts';
export * from './spaces.ts';
export * from './standings.ts';
export * from './storable.ts';
export * from './define.ts';
export * from './message.ts';
