/**
 * Bounded work for matches that anyone can start without a token (`POST /api/play`, issue 15 fault 1).
 *
 * A game's config schema admits what an experiment may want (a million dilemma turns, 100 000 sumo
 * steps, 32 public-goods players); an anonymous caller gets a much smaller box, so one request can
 * never make the server play for seconds, hold gigabytes, or store a match too big to commit. Each
 * limit is checked on the PARSED config (defaults applied), so a limit cannot be dodged by leaving
 * a key out; a config above a limit is refused with `BAD_CONFIG` (400) and `details: {limit, max,
 * value}`. Every hosted game must declare its limits here (test/server/hardening-http.test.ts
 * checks the list against the registry); a game without an entry (e.g. a test fixture) plays only
 * its default config anonymously.
 *
 * The figures: every default config fits with room to spare (dilemmas 200 turns, public goods
 * 10 rounds, sumo 500 steps × 3 substeps, VGC 100 turns, trust-and-split 10 rounds of 3 steps); the caps are a few times that. docs/api.md
 * ("Limits") prints this table.
 */
import { ArenaError } from './errors.ts';

/** Serialized size of the `config` object of a play request, in UTF-8 bytes. */
export const MAX_PLAY_CONFIG_BYTES = 4096;

export interface PlayLimit {
  /** What is limited, as docs/api.md names it (a config key or a product of keys). */
  limit: string;
  max: number;
  value(config: any): number;
}

const dilemma: PlayLimit[] = [{ limit: 'turns', max: 1000, value: (c) => c.turns }];
const publicGoods: PlayLimit[] = [
  { limit: 'rounds', max: 100, value: (c) => c.rounds },
  { limit: 'players', max: 8, value: (c) => c.players },
];

export const ANONYMOUS_PLAY_LIMITS: Readonly<Record<string, readonly PlayLimit[]>> = {
  ipd: dilemma,
  'stag-hunt': dilemma,
  chicken: dilemma,
  matrix: dilemma,
  'public-goods': publicGoods,
  'sequential-public-goods': publicGoods,
  sumo: [
    { limit: 'maxSteps', max: 1000, value: (c) => c.maxSteps },
    // physics substeps of the whole match: the engine's cost grows with both
    { limit: 'maxSteps × physics.frameSkip', max: 3000, value: (c) => c.maxSteps * c.physics.frameSkip },
    { limit: 'physics.velocityIterations', max: 20, value: (c) => c.physics.velocityIterations },
    { limit: 'physics.positionIterations', max: 20, value: (c) => c.physics.positionIterations },
  ],
  vgc: [{ limit: 'turnCap', max: 200, value: (c) => c.turnCap }],
  // Each round is 2 · messages + 1 steps, with messages of up to 500 characters.
  'trust-and-split': [
    { limit: 'rounds', max: 100, value: (c) => c.rounds },
    { limit: 'rounds × (2 · messages + 1)', max: 1100, value: (c) => c.rounds * (2 * c.messages + 1) },
  ],
};

/** Throws BAD_CONFIG when the config as sent is above MAX_PLAY_CONFIG_BYTES (checked before the game parses it). */
export function checkPlayConfigSize(raw: unknown): void {
  const bytes = raw === undefined ? 0 : Buffer.byteLength(JSON.stringify(raw) ?? '', 'utf8');
  if (bytes > MAX_PLAY_CONFIG_BYTES) {
    throw new ArenaError(
      'BAD_CONFIG',
      `an anonymous match's config may be at most ${MAX_PLAY_CONFIG_BYTES} bytes of JSON (this one is ${bytes})`,
      {
        limit: 'config bytes',
        max: MAX_PLAY_CONFIG_BYTES,
        value: bytes,
      },
    );
  }
}

/**
 * How many times the anonymous box a registered bot's `seek` or `challenge` may ask for. Registration
 * is free, so a bot is almost as cheap to create as an anonymous request: its matches (which the
 * server plays the in-process side of, stores in full and commits in one transaction) get a larger
 * box, not an unbounded one. Hosted tournaments and leagues (created by the admin) and the CLI have
 * no such bound.
 */
export const BOT_LIMIT_FACTOR = 10;

/**
 * Throws BAD_CONFIG when a match a registered bot asked for (seek, challenge) would exceed
 * BOT_LIMIT_FACTOR times a limit of its game. A game without limits plays any config its schema
 * accepts (the engine's own bounds, games/<family>/config.ts).
 */
export function checkBotPlay(gameId: string, parsed: unknown): void {
  for (const l of ANONYMOUS_PLAY_LIMITS[gameId] ?? []) {
    const v = l.value(parsed);
    const max = l.max * BOT_LIMIT_FACTOR;
    if (typeof v === 'number' && v > max) {
      throw new ArenaError(
        'BAD_CONFIG',
        `a ${gameId} match asked for over the bot protocol allows ${l.limit} ≤ ${max} (got ${v}); longer matches run in hosted tournaments or offline (ludus play)`,
        {
          limit: l.limit,
          max,
          value: v,
        },
      );
    }
  }
}

/**
 * Throws BAD_CONFIG when an anonymous match with this config would exceed a limit of its game.
 * `parsed` is the game's parsed config (defaults applied), `defaults` its default config.
 */
export function checkAnonymousPlay(gameId: string, parsed: unknown, defaults: unknown): void {
  const limits = ANONYMOUS_PLAY_LIMITS[gameId];
  if (!limits) {
    if (JSON.stringify(parsed) !== JSON.stringify(defaults))
      throw new ArenaError('BAD_CONFIG', `${gameId} plays only its default config in an anonymous match`, {
        limit: 'default config only',
      });
    return;
  }
  for (const l of limits) {
    const v = l.value(parsed);
    if (typeof v === 'number' && v > l.max) {
      throw new ArenaError(
        'BAD_CONFIG',
        `an anonymous ${gameId} match allows ${l.limit} ≤ ${l.max} (got ${v}); register a bot to play longer matches`,
        {
          limit: l.limit,
          max: l.max,
          value: v,
        },
      );
    }
  }
}
