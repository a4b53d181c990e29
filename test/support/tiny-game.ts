/**
 * A deliberately tiny game used to specify the kernel itself (not a product game, not registered):
 * "secret guess" — seat 0 draws a hidden number 0..3 from the engine PRNG; both seats then guess
 * simultaneously for 3 rounds; a correct guess scores 1. Seat 0 sees the secret, seat 1 does not.
 */
import { z } from 'zod';
import { GameError, Rng, checkIndex, maskFromIndices, type Game } from '../../games/core/index.ts';

const configSchema = z.strictObject({ rounds: z.number().int().min(1).max(100).default(3) });
type Config = z.infer<typeof configSchema>;
interface State {
  config: Config;
  secret: number;
  round: number;
  scores: number[];
  rng: Rng;
}
const actionSchema = z.strictObject({ guess: z.number().int() });
type Action = z.infer<typeof actionSchema>;

export const tinyGame: Game<Config, State, Action, { round: number; scores: number[]; secret?: number }> = {
  id: 'tiny',
  family: 'test',
  title: 'Secret guess',
  description: 'kernel fixture',
  configSchema,
  actionSchema,
  numSeats: () => 2,
  actionSpace: () => ({ kind: 'discrete', n: 4 }),
  obsSize: () => 3,
  init(config, seed) {
    const rng = Rng.seeded(seed);
    return { config, secret: rng.int(4), round: 0, scores: [0, 0], rng };
  },
  toAct: (s) => (s.round >= s.config.rounds ? [] : [0, 1]),
  isTerminal: (s) => s.round >= s.config.rounds,
  result: (s) => ({
    returns: [...s.scores],
    winner: s.scores[0] === s.scores[1] ? null : s.scores[0]! > s.scores[1]! ? 0 : 1,
  }),
  legal: () => [0, 1, 2, 3].map((guess) => ({ guess })),
  check(_s, _seat, a) {
    if (a.guess < 0 || a.guess > 3) throw new GameError('ILLEGAL_ACTION', `guess must be 0..3, got ${a.guess}`);
  },
  step(s, actions) {
    const rewards = [0, 0];
    for (const seat of [0, 1]) if (actions[seat]!.guess === s.secret) rewards[seat] = 1;
    s.scores[0]! += rewards[0]!;
    s.scores[1]! += rewards[1]!;
    s.round++;
    s.secret = s.rng.int(4);
    return { state: s, events: [], rewards };
  },
  defaultAction: () => ({ guess: 0 }),
  observe: (s, who) =>
    who === 0 ? { round: s.round, scores: [...s.scores], secret: s.secret } : { round: s.round, scores: [...s.scores] },
  encode: (o, out = new Float32Array(3)) => {
    out[0] = o.round;
    out[1] = o.scores[0]!;
    out[2] = o.secret ?? -1;
    return out;
  },
  mask: () => maskFromIndices(4, [0, 1, 2, 3]),
  actionToIndex: (_s, _seat, a) => a.guess,
  indexToAction: (_s, _seat, i) => {
    checkIndex(4, i);
    return { guess: i };
  },
  render: (o) => `round ${o.round} scores ${o.scores.join('-')}${o.secret !== undefined ? ` secret ${o.secret}` : ''}`,
  parseAction(text) {
    const m = /^\s*guess\s+(\d+)\s*$/.exec(text);
    if (!m) throw new GameError('PARSE', `expected "guess N", got ${JSON.stringify(text)}`);
    return { guess: Number(m[1]) };
  },
  actionText: (a) => `guess ${a.guess}`,
  serialize: (s) => ({ config: s.config, secret: s.secret, round: s.round, scores: s.scores, rng: s.rng.state() }),
  clone: (s) => ({ ...s, scores: [...s.scores], rng: s.rng.clone() }),
  conformance: {
    randomSteps: 2000,
    perturbHidden(s, who) {
      if (who === 0) return undefined;
      s.secret = (s.secret + 1) % 4;
      return s;
    },
  },
};
