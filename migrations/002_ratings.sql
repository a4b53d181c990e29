-- Ratings that hold up (issue #12).
--  1. Pair results are keyed by SEATS, not agents, so that a match in which one agent holds several
--     seats keeps every result (the old key (match_id, a, b) dropped all but one), and carry the
--     weight that bounds one match's influence (agents/eval/rating-pairs.ts).
--  2. pair_totals: running totals per pair of agents, updated in the commit's transaction; every
--     estimate is refitted from these (at most agents² / 2 rows) instead of from every result.
--  3. rating_history.seq: the order of the commits. History is listed by it, not by the match's end
--     time (matches that end in the same millisecond were listed in random order).
-- The old pair_results cannot say which seats its rows came from, so it is rebuilt from `matches`
-- at the next boot (server/store/leaderboard.ts rebuildPairs, flagged by the setting below).

DROP TABLE pair_results;

CREATE TABLE pair_results (
  match_id text NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
  game     text NOT NULL,
  seat_a   integer NOT NULL,
  seat_b   integer NOT NULL,
  a        text NOT NULL REFERENCES agents (id),
  b        text NOT NULL REFERENCES agents (id),
  score_a  double precision NOT NULL,
  weight   double precision NOT NULL,
  PRIMARY KEY (match_id, seat_a, seat_b),
  CHECK (seat_a < seat_b AND a <> b)
);
CREATE INDEX pair_results_game ON pair_results (game);

CREATE TABLE pair_totals (
  game    text NOT NULL,
  a       text NOT NULL REFERENCES agents (id),
  b       text NOT NULL REFERENCES agents (id),
  -- a's weighted score against b, the weighted number of results, and the number of results
  score   double precision NOT NULL,
  weight  double precision NOT NULL,
  results integer NOT NULL,
  -- a < b in code-unit order (the writer orders each pair; the database's collation is not used)
  PRIMARY KEY (game, a, b)
);

-- The number of rated commits per game, bumped in each commit's transaction: the leaderboard cache
-- keeps its pair table in memory and applies its own process's commits as they happen; a count it
-- did not expect means another process committed, and it reloads pair_totals.
CREATE TABLE rating_versions (
  game    text PRIMARY KEY,
  commits bigint NOT NULL
);

ALTER TABLE rating_history ADD COLUMN seq bigserial;
DROP INDEX rating_history_agent;
CREATE INDEX rating_history_agent ON rating_history (agent_id, game, seq);
CREATE INDEX rating_history_game_seq ON rating_history (game, seq);

INSERT INTO settings (key, value) VALUES ('rebuild_pair_results', '1')
  ON CONFLICT (key) DO UPDATE SET value = excluded.value;
