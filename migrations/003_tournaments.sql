-- Tournaments and scheduled leagues (issue #13).
--  tournaments: one row per event; `state` is the pure engine's state (agents/tournament/spec.ts
--    TournamentState), rewritten with `version` + 1 by every transition in one transaction.
--  tournament_entrants: who entered (invited by the organiser, or by open registration).
--  tournament_games: one row per attempt at a game of a pairing, claimed before its match starts;
--    `match_id` is deterministic (t_<tournament>_<pairing>_<game>_<attempt>), so after a crash the
--    match is either in `matches` (recorded, never replayed) or not (an infrastructure failure:
--    replayed with the next attempt). `lease_until` says the claim is alive.
--  tournament_schedules: recurring events; `next_fire_at` moves by compare-and-set, so exactly one
--    process fires each occurrence, and (schedule_id, fire_at) is unique among the tournaments.

CREATE TABLE tournament_schedules (
  id           text PRIMARY KEY,
  name         text NOT NULL,
  cron         text NOT NULL,
  template     jsonb NOT NULL,
  next_fire_at timestamptz NOT NULL,
  enabled      boolean NOT NULL DEFAULT true,
  fired        integer NOT NULL DEFAULT 0,
  created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tournaments (
  id           text PRIMARY KEY,
  name         text NOT NULL,
  game         text NOT NULL,
  config       jsonb NOT NULL,
  rules        jsonb NOT NULL,
  seed         bigint NOT NULL,
  status       text NOT NULL CHECK (status IN ('registration', 'running', 'finished', 'cancelled')),
  open         boolean NOT NULL DEFAULT false,
  max_entrants integer,
  starts_at    timestamptz NOT NULL,
  paced_ms     integer,
  state        jsonb,
  version      integer NOT NULL DEFAULT 0,
  schedule_id  text REFERENCES tournament_schedules (id),
  fire_at      timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  started_at   timestamptz,
  finished_at  timestamptz,
  UNIQUE (schedule_id, fire_at)
);
CREATE INDEX tournaments_status_start ON tournaments (status, starts_at);

CREATE TABLE tournament_entrants (
  tournament_id text NOT NULL REFERENCES tournaments (id) ON DELETE CASCADE,
  agent_id      text NOT NULL REFERENCES agents (id),
  joined_at     timestamptz NOT NULL DEFAULT now(),
  position      integer NOT NULL,
  PRIMARY KEY (tournament_id, agent_id),
  UNIQUE (tournament_id, position)
);

CREATE TABLE tournament_games (
  tournament_id text NOT NULL REFERENCES tournaments (id) ON DELETE CASCADE,
  pairing       text NOT NULL,
  game          integer NOT NULL,
  attempt       integer NOT NULL,
  match_id      text NOT NULL UNIQUE,
  status        text NOT NULL CHECK (status IN ('playing', 'recorded', 'failed', 'forfeit')),
  lease_until   timestamptz NOT NULL,
  claimed_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tournament_id, pairing, game, attempt)
);
