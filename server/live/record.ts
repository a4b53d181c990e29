/**
 * A finished match of the match loop (games/core/match.ts `MatchRecord`) as the store keeps it: the one
 * conversion, used by live matches and by anything that plays in-process and commits (fixtures, benches).
 */
import { randomUUID } from 'node:crypto';
import type { MatchRecord } from '../../games/core/match.ts';
import type { FinishedMatch, SeatRecord, TurnTranscript } from '../contracts.ts';

export interface RecordMeta {
  /** Match id (default: a random UUID). */
  id?: string;
  seats: SeatRecord[];
  /** Whether the match may be rated (default true); anonymous seats and `aborted` are never rated. */
  rated?: boolean;
  startedAt?: string;
  endedAt?: string;
  /** Milliseconds each seat thought per step (default: null everywhere). */
  thinkMs?: (number | null)[][];
  /** Per-turn transcripts of language-model seats (absent: none). */
  transcripts?: TurnTranscript[];
}

/**
 * @param rec the match loop's record
 * @param meta who sat where, and whether the match may be rated. It is never rated when it was
 *   aborted, when a seat is anonymous, or when EVERY seat is at fault (both bots gone, a double
 *   forfeit): a result between seats that all failed says nothing about their strength, and rating
 *   it as a draw would blame one seat in the record while scoring it like the other.
 */
export function finishedMatch(rec: MatchRecord, meta: RecordMeta): FinishedMatch {
  const now = new Date().toISOString();
  const n = meta.seats.length;
  const everySeatAtFault = n > 0 && new Set(rec.faultSeats).size >= n;
  const f: FinishedMatch = {
    id: meta.id ?? randomUUID(),
    game: rec.replay.game,
    config: rec.replay.config,
    seed: rec.replay.seed,
    seats: meta.seats,
    result: rec.result,
    outcome: rec.outcome,
    actions: rec.replay.actions,
    finalHash: rec.finalHash,
    rewards: rec.rewards,
    thinkMs: meta.thinkMs ?? rec.replay.actions.map(() => new Array<number | null>(n).fill(null)),
    rated:
      (meta.rated ?? true) &&
      rec.outcome !== 'aborted' &&
      !everySeatAtFault &&
      meta.seats.every((s) => s.agentId !== null),
    startedAt: meta.startedAt ?? now,
    endedAt: meta.endedAt ?? now,
  };
  if (rec.faultSeat !== undefined) f.faultSeat = rec.faultSeat;
  if (meta.transcripts?.length) f.transcripts = meta.transcripts;
  return f;
}
