/**
 * agents/client — the TypeScript SDK for remote bots (docs/protocol.md describes the wire format).
 * May import: ws only (no server code), so that a bot author can copy this folder alone.
 */
export {
  ArenaClient,
  ArenaError,
  TextAction,
  type ClientOptions,
  type ChallengeAnswer,
  type PerMatchOptions,
  type Policy,
  type TurnInfo,
} from './client.ts';
export type * from './messages.ts';
