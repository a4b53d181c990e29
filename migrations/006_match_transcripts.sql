-- Language-model agents (issue 18): a bot may send, beside each action, the prompt it gave its model and
-- the model's answer (`action.transcript`, docs/protocol.md § text mode). They are stored with the match,
-- in the same transaction as its action log, one row per seat and step, for
-- GET /api/matches/:id/transcript and the turn-level trajectory export.
CREATE TABLE match_transcripts (
  match_id           text NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
  seat               integer NOT NULL,
  step               integer NOT NULL,
  -- the action as the bot sent it in text (null for a JSON action)
  text               text,
  -- the chat messages of the request that produced the answer: [{role, content}]
  prompt             jsonb NOT NULL,
  completion         text NOT NULL,
  model              text,
  attempts           integer,
  fallback           boolean,
  latency_ms         double precision,
  prompt_tokens      integer,
  completion_tokens  integer,
  PRIMARY KEY (match_id, seat, step)
);
