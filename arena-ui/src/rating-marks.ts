/**
 * When a rating is still provisional. Lichess marks a Glicko-2 rating provisional (`?`) while its rating
 * deviation is at least 110 (REFERENCES.md); our counterpart of the deviation is the standard error of
 * the maximum-likelihood Bradley–Terry Elo the leaderboard returns (`mleSe`, in Elo points), so the same
 * threshold applies to it. An agent without that estimate (no rated match yet) is provisional too.
 */
export const PROVISIONAL_SE = 110;

export function isProvisional(row: { mleSe?: number | null; games?: number }): boolean {
  return row.mleSe === undefined || row.mleSe === null || !Number.isFinite(row.mleSe) || row.mleSe >= PROVISIONAL_SE;
}
