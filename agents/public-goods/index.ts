/**
 * agents/public-goods — baseline agents for `public-goods` and `sequential-public-goods`.
 * May import games/core, games/public-goods and agents/core.
 */
export * from './baselines.ts';
export * from './view-helpers.ts';
