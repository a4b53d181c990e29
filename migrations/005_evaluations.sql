-- Adversarial policy evaluations (issue #14): attack jobs on the arena's one job queue (pg-boss,
-- server/tournament/queue.ts), their state here.
--  agents.role: 'exploiter' for the adversaries an evaluation registered (they play the ladder like
--    any checkpoint); NULL for every other agent.
--  agents.allow_evaluation: a remote bot's opt-in to be attacked through the arena (default false).
--  evaluations: one row per attack job. `attempt` and `lease_owner`/`lease_until` make every
--    transition a compare-and-set: only the holder of the current attempt's live lease may write a
--    snapshot or finish the job, so a job whose process died is resumed by exactly one successor and
--    finishes (stores its adversary, registers its exploiter) exactly once. `snapshot` is the
--    attack's resume state (agents/adversary/attack.ts AttackResumeState), or for an arena
--    evaluation the match ids played so far.

ALTER TABLE agents ADD COLUMN role text CHECK (role IS NULL OR role IN ('exploiter'));
ALTER TABLE agents ADD COLUMN allow_evaluation boolean NOT NULL DEFAULT false;

CREATE TABLE evaluations (
  id             text PRIMARY KEY,
  game           text NOT NULL,
  config         jsonb NOT NULL,
  victim_id      text NOT NULL REFERENCES agents (id),
  mode           text NOT NULL CHECK (mode IN ('train', 'arena')),
  budget         jsonb NOT NULL,
  seed           bigint NOT NULL,
  options        jsonb NOT NULL,
  requested_by   text NOT NULL,
  status         text NOT NULL CHECK (status IN ('queued', 'running', 'finished', 'failed')),
  attempt        integer NOT NULL DEFAULT 0,
  lease_owner    text,
  lease_until    timestamptz,
  progress       jsonb,
  curve          jsonb NOT NULL DEFAULT '[]'::jsonb,
  snapshot       jsonb,
  snapshot_at    timestamptz,
  result         jsonb,
  evidence       jsonb,
  adversary_checkpoint text,
  exploiter_id   text REFERENCES agents (id),
  error          text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  started_at     timestamptz,
  finished_at    timestamptz
);
CREATE INDEX evaluations_victim ON evaluations (victim_id, created_at);
CREATE INDEX evaluations_status ON evaluations (status, lease_until);
CREATE INDEX evaluations_game_finished ON evaluations (game) WHERE status = 'finished';
