-- Ludus arena schema, version 1. Runs unchanged on PGlite and Postgres (server/store/migrate.ts).

-- Registered agents: remote bots, built-in baselines (ref = agents/registry.ts id), checkpoints.
CREATE TABLE agents (
  id          text PRIMARY KEY,
  name        text NOT NULL UNIQUE,
  owner       text NOT NULL,
  games       jsonb NOT NULL DEFAULT '[]',
  description text NOT NULL DEFAULT '',
  kind        text NOT NULL CHECK (kind IN ('builtin', 'remote', 'checkpoint')),
  ref         text,
  -- sha256 of a 256-bit random token; the token itself is shown once and never stored.
  token_hash  text UNIQUE,
  revoked     boolean NOT NULL DEFAULT false,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX agents_kind_ref ON agents (kind, ref) WHERE ref IS NOT NULL;

-- One row per finished match, committed in the same transaction as its actions and ratings.
CREATE TABLE matches (
  id          text PRIMARY KEY,
  game        text NOT NULL,
  config      jsonb NOT NULL,
  seed        bigint NOT NULL,
  seats       jsonb NOT NULL,
  outcome     text NOT NULL CHECK (outcome IN ('normal', 'timeout-forfeit', 'disconnect', 'crash', 'aborted')),
  fault_seat  integer,
  result      jsonb NOT NULL,
  returns     jsonb NOT NULL,
  winner      integer,
  steps       integer NOT NULL,
  final_hash  text NOT NULL,
  rated       boolean NOT NULL,
  started_at  timestamptz NOT NULL,
  ended_at    timestamptz NOT NULL,
  committed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX matches_game_ended ON matches (game, ended_at DESC);
CREATE INDEX matches_ended ON matches (ended_at DESC);

-- Who sat where (for filtering matches by agent).
CREATE TABLE match_seats (
  match_id  text NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
  seat      integer NOT NULL,
  agent_id  text REFERENCES agents (id),
  kind      text NOT NULL,
  label     text NOT NULL,
  return    double precision NOT NULL,
  PRIMARY KEY (match_id, seat)
);
CREATE INDEX match_seats_agent ON match_seats (agent_id);

-- The action log: actions[seat] per step as the engine consumed them, with rewards and think times.
CREATE TABLE match_actions (
  match_id  text NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
  step      integer NOT NULL,
  actions   jsonb NOT NULL,
  rewards   jsonb NOT NULL,
  think_ms  jsonb NOT NULL,
  PRIMARY KEY (match_id, step)
);

-- Current Elo per agent and game.
CREATE TABLE ratings (
  agent_id   text NOT NULL REFERENCES agents (id),
  game       text NOT NULL,
  elo        double precision NOT NULL,
  games      integer NOT NULL DEFAULT 0,
  wins       integer NOT NULL DEFAULT 0,
  draws      integer NOT NULL DEFAULT 0,
  losses     integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agent_id, game)
);
CREATE INDEX ratings_game_elo ON ratings (game, elo DESC);

-- Every rating change; the primary key also makes counting a match twice impossible.
CREATE TABLE rating_history (
  match_id   text NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
  agent_id   text NOT NULL REFERENCES agents (id),
  game       text NOT NULL,
  elo_before double precision NOT NULL,
  elo_after  double precision NOT NULL,
  score      double precision NOT NULL,
  at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (match_id, agent_id)
);
CREATE INDEX rating_history_agent ON rating_history (agent_id, game, at);

-- Pairwise results of rated matches (input of the maximum-likelihood Elo).
CREATE TABLE pair_results (
  match_id text NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
  game     text NOT NULL,
  a        text NOT NULL REFERENCES agents (id),
  b        text NOT NULL REFERENCES agents (id),
  score_a  double precision NOT NULL,
  PRIMARY KEY (match_id, a, b)
);
CREATE INDEX pair_results_game ON pair_results (game);

-- Trained policy snapshots (server/contracts.ts CheckpointRecord), each also an agent.
CREATE TABLE checkpoints (
  id           text PRIMARY KEY,
  name         text NOT NULL,
  game         text NOT NULL,
  config       jsonb NOT NULL,
  architecture jsonb NOT NULL,
  weights      text NOT NULL,
  training     jsonb NOT NULL,
  parent       text,
  created_at   timestamptz NOT NULL,
  agent_id     text NOT NULL REFERENCES agents (id)
);
CREATE INDEX checkpoints_game ON checkpoints (game);

-- Small server facts, e.g. the admin token's hash.
CREATE TABLE settings (
  key   text PRIMARY KEY,
  value text NOT NULL
);
