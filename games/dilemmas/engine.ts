/**
 * One engine for every iterated 2×2 game; `dilemmaGame(kind)` specialises it into ipd,
 * stag-hunt, chicken and matrix (they differ only in default payoffs, validation and words).
 *
 * A turn: (optional cheap-talk step: both seats send a message) → move step: both seats choose
 * C or D at once; each intended move flips with probability `noise`; the realised moves score.
 * After the turn the match ends at `turns`, or with probability `probEnd` (Axelrod's prob_end:
 * "the match ends after each turn with probability p", axelrod/match.py).
 *
 * PRNG draws per move step, in order: seat 0's flip, seat 1's flip (only when noise > 0), then the
 * ending draw (only when 0 < probEnd < 1). Rng.chance draws nothing for p ∈ {0, 1}.
 */
import { z } from 'zod';
import { GameError } from '../core/errors.ts';
import { Rng } from '../core/rng.ts';
import { checkIndex } from '../core/spaces.ts';
import type { Game, GameEvent, MatchResult, Seat, SeatOrSpectator, StepResult } from '../core/types.ts';
import {
  configSchemaFor,
  messageSchema,
  seatPayoffs,
  type DilemmaConfig,
  type DilemmaKind,
  type Move,
  type Payoffs,
} from './config.ts';
import { encode, OBS_SIZE } from './encode.ts';
import { observe, type DilemmaObservation } from './observe.ts';
import type { DilemmaState, SeatView } from './state.ts';
import { actionText, parseAction, render, type DilemmaAction } from './text.ts';

const LABELS = ['C', 'D', 'say'] as const;
const MOVE_LEGAL: readonly DilemmaAction[] = Object.freeze(['C', 'D'] as DilemmaAction[]);
const TALK_LEGAL: readonly DilemmaAction[] = Object.freeze([Object.freeze({ say: '' })] as DilemmaAction[]);
const MOVE_MASK = Uint8Array.of(1, 1, 0);
const BOTH: Seat[] = Object.freeze([0, 1]) as unknown as Seat[];
const NOBODY: Seat[] = Object.freeze([]) as unknown as Seat[];
const TALK_MASK = Uint8Array.of(0, 0, 1);

const actionSchema = z.union([z.enum(['C', 'D']), z.strictObject({ say: messageSchema })]);

const TITLES: Record<DilemmaKind, [string, string]> = {
  ipd: [
    "Iterated Prisoner's Dilemma",
    "Repeated prisoner's dilemma (default R,S,T,P = 3,0,5,1, 200 turns) with optional noise, prob_end and cheap talk.",
  ],
  'stag-hunt': [
    'Iterated Stag Hunt',
    'Repeated stag hunt (R > T ≥ P > S): cooperation pays only if both trust each other.',
  ],
  chicken: ['Iterated Chicken', 'Repeated chicken / snowdrift (T > R > S > P): backing down beats a crash.'],
  matrix: ['Iterated 2×2 Matrix Game', 'Any repeated 2×2 game: a symmetric (R,S,T,P) table or one table per seat.'],
};

function payTable(config: DilemmaConfig): number[] {
  const pay: number[] = [];
  for (const seat of [0, 1]) {
    const { R, S, T, P } = seatPayoffs(config, seat);
    pay.push(R, S, T, P); // index own * 2 + other: CC=R, CD=S, DC=T, DD=P
  }
  return pay;
}

function views(config: DilemmaConfig): [SeatView, SeatView] {
  const a: Payoffs = Object.freeze({ ...seatPayoffs(config, 0) });
  const b: Payoffs = Object.freeze({ ...seatPayoffs(config, 1) });
  return [Object.freeze({ own: a, opponent: b }), Object.freeze({ own: b, opponent: a })];
}

function perturbHidden(s: DilemmaState, who: SeatOrSpectator, rng: Rng): DilemmaState | undefined {
  // The opponent's intended moves are what is hidden (under noise they differ from the realised ones).
  if (s.turn === 0) return undefined;
  const seat = who === 'spectator' ? rng.int(2) : 1 - who;
  const t = rng.int(s.turn);
  const row = s.intended[seat as 0 | 1];
  row[t] = row[t] === 'C' ? 'D' : 'C';
  return s;
}

const CONFORMANCE_CONFIGS: Record<DilemmaKind, unknown[]> = {
  ipd: [{}, { noise: 0.1, probEnd: 0.02 }, { cheapTalk: true, noise: 0.05, turns: 30 }],
  'stag-hunt': [{ noise: 0.05 }],
  chicken: [{ cheapTalk: true, probEnd: 0.05, noise: 0.05 }],
  matrix: [
    {
      payoffs: [
        { R: 2, S: 0, T: 0, P: 1 },
        { R: 1, S: 0, T: 0, P: 2 },
      ],
      noise: 0.1,
    },
  ],
};

export function dilemmaGame(kind: DilemmaKind): Game<DilemmaConfig, DilemmaState, DilemmaAction, DilemmaObservation> {
  const [title, description] = TITLES[kind];
  const game: Game<DilemmaConfig, DilemmaState, DilemmaAction, DilemmaObservation> = {
    id: kind,
    family: 'dilemmas',
    title,
    description,
    configSchema: configSchemaFor(kind) as unknown as z.ZodType<DilemmaConfig>,
    actionSchema: actionSchema as z.ZodType<DilemmaAction>,

    numSeats: () => 2,
    actionSpace: () => ({ kind: 'discrete', n: 3, labels: LABELS }),
    obsSize: () => OBS_SIZE,

    init(config, seed) {
      return {
        config,
        rng: Rng.seeded(seed),
        turn: 0,
        talking: config.cheapTalk,
        over: false,
        reason: null,
        moves: [[], []],
        intended: [[], []],
        messages: [[], []],
        scores: [0, 0],
        pay: payTable(config),
        views: views(config),
      };
    },
    toAct: (s) => (s.over ? NOBODY : BOTH),
    isTerminal: (s) => s.over,
    result(s): MatchResult {
      const [a, b] = s.scores;
      return { returns: [a, b], winner: a > b ? 0 : b > a ? 1 : null, reason: s.reason ?? 'in-progress' };
    },

    legal: (s) => (s.over ? [] : ((s.talking ? TALK_LEGAL : MOVE_LEGAL) as DilemmaAction[])),
    check(s, _seat, action) {
      const isMove = typeof action === 'string';
      if (s.talking && isMove)
        throw new GameError('ILLEGAL_ACTION', 'this is the cheap-talk phase: send {"say": "<message>"} before moving');
      if (!s.talking && !isMove) {
        throw new GameError(
          'ILLEGAL_ACTION',
          s.config.cheapTalk
            ? 'messages were sent already: move C or D now'
            : 'cheap talk is off in this match: move C or D',
        );
      }
    },
    step(s, actions): StepResult<DilemmaState> {
      if (s.talking) {
        const m0 = (actions[0] as { say: string }).say;
        const m1 = (actions[1] as { say: string }).say;
        s.messages[0].push(m0);
        s.messages[1].push(m1);
        s.talking = false;
        return { state: s, events: [{ type: 'talk', turn: s.turn, messages: [m0, m1] }], rewards: [0, 0] };
      }
      const c = s.config;
      const i0 = actions[0] as Move;
      const i1 = actions[1] as Move;
      let r0 = i0;
      let r1 = i1;
      if (c.noise > 0) {
        if (s.rng.chance(c.noise)) r0 = r0 === 'C' ? 'D' : 'C';
        if (s.rng.chance(c.noise)) r1 = r1 === 'C' ? 'D' : 'C';
      }
      s.intended[0].push(i0);
      s.intended[1].push(i1);
      s.moves[0].push(r0);
      s.moves[1].push(r1);
      const d0 = r0 === 'D' ? 1 : 0;
      const d1 = r1 === 'D' ? 1 : 0;
      const p0 = s.pay[d0 * 2 + d1]!;
      const p1 = s.pay[4 + d1 * 2 + d0]!;
      s.scores[0] += p0;
      s.scores[1] += p1;
      s.turn++;
      if (s.turn >= c.turns) {
        s.over = true;
        s.reason = 'turns';
      } else if (c.probEnd > 0 && s.rng.chance(c.probEnd)) {
        s.over = true;
        s.reason = 'prob-end';
      } else if (c.cheapTalk) s.talking = true;
      const events: GameEvent[] = [{ type: 'turn', turn: s.turn, moves: [r0, r1], payoffs: [p0, p1] }];
      if (r0 !== i0) events.push({ type: 'flip', seat: 0, intended: i0, visibleTo: [0] });
      if (r1 !== i1) events.push({ type: 'flip', seat: 1, intended: i1, visibleTo: [1] });
      return { state: s, events, rewards: [p0, p1] };
    },
    // A seat that times out cooperates (and says nothing): the benign default.
    defaultAction: (s) => (s.talking ? { say: '' } : 'C'),

    observe: (s, who) => observe(kind, s, who),
    encode: (obs, out) => encode(obs, out),
    mask: (s) => (s.over ? new Uint8Array(3) : (s.talking ? TALK_MASK : MOVE_MASK).slice()),
    actionToIndex: (_s, _seat, a) => (a === 'C' ? 0 : a === 'D' ? 1 : 2),
    indexToAction(_s, _seat, index) {
      checkIndex(3, index);
      return index === 0 ? 'C' : index === 1 ? 'D' : { say: '' };
    },

    render: (obs) => render(title, obs),
    parseAction: (text) => parseAction(kind, text),
    actionText,

    serialize: (s) => ({
      config: s.config as unknown as Record<string, never>,
      turn: s.turn,
      talking: s.talking,
      over: s.over,
      reason: s.reason,
      moves: s.moves,
      intended: s.intended,
      messages: s.messages,
      scores: s.scores,
      rng: s.rng.state(),
    }),
    clone: (s) => ({
      ...s,
      rng: s.rng.clone(),
      moves: [s.moves[0].slice(), s.moves[1].slice()],
      intended: [s.intended[0].slice(), s.intended[1].slice()],
      messages: [s.messages[0].slice(), s.messages[1].slice()],
      scores: [s.scores[0], s.scores[1]],
    }),

    conformance: {
      // The four games share this engine, so the full set of variants runs once (ipd) and the others
      // check one variant each, which keeps the suite fast.
      configs: CONFORMANCE_CONFIGS[kind],
      perturbHidden,
      illegalActions: (s: DilemmaState) => (s.talking ? ['C', 'D'] : [{ say: 'let us cooperate' }]),
    },
  };
  return game;
}

export const ipd = dilemmaGame('ipd');
export const stagHunt = dilemmaGame('stag-hunt');
export const chicken = dilemmaGame('chicken');
export const matrix = dilemmaGame('matrix');
export const DILEMMA_GAMES = [ipd, stagHunt, chicken, matrix] as const;
export const DILEMMA_GAME_IDS: readonly string[] = DILEMMA_GAMES.map((g) => g.id);
