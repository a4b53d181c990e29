/**
 * The classic memory-one strategies. Vectors are P(C | CC, CD, DC, DD) from the player's own
 * point of view, with the first move (axelrod/strategies/memoryone.py, zero_determinant.py).
 */
import { GameError } from '../../games/core/errors.ts';
import type { Payoffs } from '../../games/dilemmas/config.ts';
import type { AgentSpec } from '../core/agent.ts';
import type { MemoryOne } from './analysis/memory-one.ts';
import { fixedMemoryOne, memoryOneStrategy } from './strategy.ts';

/**
 * Generous TFT's forgiveness p = min(1 − (T−R)/(R−S), (R−P)/(T−P)) (Nowak & Sigmund 1990;
 * axelrod/strategies/memoryone.py GTFT), 1/3 for (3, 0, 5, 1). Clamped to [0, 1] for tables
 * where the formula leaves the unit interval.
 */
export function gtftForgiveness({ R, S, T, P }: Payoffs): number {
  const p = Math.min(1 - (T - R) / (R - S), (R - P) / (T - P));
  return Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0;
}

/**
 * Linear-relation (zero-determinant) player with slope s, baseline l and scale φ, enforcing
 * s·(π_self − l) = π_other − l: Hilbe, Nowak & Sigmund (2013) eq. 14, as in Axelrod's LRPlayer
 * (axelrod/strategies/zero_determinant.py):
 *   p1 = 1 − φ(1 − s)(R − l), p2 = 1 − φ(s(l − S) + (T − l)), p3 = φ((l − S) + s(T − l)), p4 = φ(1 − s)(l − P).
 */
export function linearRelation({ R, S, T, P }: Payoffs, phi: number, s: number, l: number): MemoryOne {
  return {
    p: [
      1 - phi * (1 - s) * (R - l),
      1 - phi * (s * (l - S) + (T - l)),
      phi * (l - S + s * (T - l)),
      phi * (1 - s) * (l - P),
    ],
    initial: 1,
  };
}

/**
 * The zero-determinant strategy enforcing s·(π_self − l) = π_other − l, derived from the table
 * (Press & Dyson 2012, PNAS 109(26), eq. 7–8; parametrised as Hilbe, Nowak & Sigmund 2013 eq. 14).
 * With c = ((1−s)(R−l), s(l−S) + (T−l), (l−S) + s(T−l), (1−s)(l−P)) the vector is
 * p = (1 − φc₁, 1 − φc₂, φc₃, φc₄), and it is a strategy (every p_i in [0, 1]) exactly when every
 * c_i ≥ 0, some c_i > 0, and 0 < φ ≤ φ_max = 1 / max_i c_i. We take φ = share·φ_max, which is
 * invariant to rescaling the table (c scales with it, φ_max inversely), so a table ×10 gives the
 * same probabilities and the same relation. Axelrod's ZD-Extort-2 (φ = 1/9) and ZD-GTFT-2 (φ = 1/4)
 * are share ½ and share 1 on (3, 0, 5, 1).
 * @throws GameError BAD_CONFIG when no such strategy exists for the table (e.g. extortion with
 *   l = P in a chicken game, where P < S makes c₃ negative for small s).
 */
export function zeroDeterminant(table: Payoffs, s: number, l: number, share: number, name: string): MemoryOne {
  const { R, S, T, P } = table;
  const c = [(1 - s) * (R - l), s * (l - S) + (T - l), l - S + s * (T - l), (1 - s) * (l - P)];
  const fmt = (x: number) => Number(x.toPrecision(6));
  const bad = c.findIndex((x) => x < -1e-12);
  if (bad >= 0 || !c.some((x) => x > 1e-12))
    throw new GameError(
      'BAD_CONFIG',
      `${name} does not exist for payoffs (R, S, T, P) = (${R}, ${S}, ${T}, ${P}): the relation π_other − ${fmt(l)} = ${s}·(π_self − ${fmt(l)}) (Press & Dyson 2012) needs ` +
        (bad >= 0
          ? `${['(1−s)(R−l)', 's(l−S) + (T−l)', '(l−S) + s(T−l)', '(1−s)(l−P)'][bad]} ≥ 0, which is ${fmt(c[bad]!)} here`
          : 'a table where some outcome differs from l'),
    );
  const phi = share / Math.max(...c);
  const unit = (x: number) => Math.min(1, Math.max(0, x)); // rounding only: 0 ≤ φc_i ≤ 1 by construction
  return { p: [unit(1 - phi * c[0]!), unit(1 - phi * c[1]!), unit(phi * c[2]!), unit(phi * c[3]!)], initial: 1 };
}

const AX = 'Axelrod library, axelrod/strategies/';

export const MEMORY_ONE_STRATEGIES: AgentSpec[] = [
  fixedMemoryOne({
    id: 'allc',
    title: 'Cooperator (ALLC)',
    description: 'Always cooperates.',
    source: `${AX}cooperator.py`,
    p: [1, 1, 1, 1],
    initial: 1,
  }),
  fixedMemoryOne({
    id: 'alld',
    title: 'Defector (ALLD)',
    description: 'Always defects.',
    source: `${AX}defector.py`,
    p: [0, 0, 0, 0],
    initial: 0,
  }),
  fixedMemoryOne({
    id: 'tft',
    title: 'Tit For Tat',
    description: "Cooperates first, then copies the opponent's last move.",
    source: `${AX}titfortat.py; Axelrod (1980)`,
    p: [1, 0, 1, 0],
    initial: 1,
  }),
  fixedMemoryOne({
    id: 'stft',
    title: 'Suspicious Tit For Tat',
    description: "Defects first, then copies the opponent's last move.",
    source: `${AX}titfortat.py (SuspiciousTitForTat); Beaufils et al. (1996)`,
    p: [1, 0, 1, 0],
    initial: 0,
  }),
  fixedMemoryOne({
    id: 'wsls',
    title: 'Win-Stay Lose-Shift',
    description: 'Repeats its move after R or T, switches after S or P (Pavlov).',
    source: `${AX}memoryone.py (WinStayLoseShift); Nowak & Sigmund (1993)`,
    p: [1, 0, 0, 1],
    initial: 1,
  }),
  memoryOneStrategy({
    id: 'gtft',
    title: 'Generous Tit For Tat',
    description:
      'TFT that forgives a defection with probability p = min(1 − (T−R)/(R−S), (R−P)/(T−P)) (1/3 by default).',
    source: `${AX}memoryone.py (GTFT); Nowak & Sigmund (1990)`,
    vector: (t) => {
      const p = gtftForgiveness(t);
      return { p: [1, p, 1, p], initial: 1 };
    },
  }),
  fixedMemoryOne({
    id: 'random',
    title: 'Random',
    description: 'Cooperates with probability 1/2 every turn.',
    source: `${AX}rand.py`,
    p: [0.5, 0.5, 0.5, 0.5],
    initial: 0.5,
  }),
  fixedMemoryOne({
    id: 'alternator',
    title: 'Alternator',
    description: 'Alternates C, D, C, D… (switches its own last realised move).',
    source: `${AX}alternator.py`,
    p: [0, 0, 1, 1],
    initial: 1,
  }),
  fixedMemoryOne({
    id: 'joss',
    title: 'Joss',
    description: 'TFT that defects with probability 0.1 instead of cooperating.',
    source: `${AX}axelrod_first.py (Joss); Axelrod (1980)`,
    p: [0.9, 0, 0.9, 0],
    initial: 1,
  }),
  fixedMemoryOne({
    id: 'fbf',
    title: 'Firm But Fair',
    description: 'Cooperates after CC and DC, defects after being suckered, cooperates with probability 2/3 after DD.',
    source: `${AX}memoryone.py (FirmButFair); Frean (1994)`,
    p: [1, 0, 1, 2 / 3],
    initial: 1,
  }),
  fixedMemoryOne({
    id: 'stochastic-cooperator',
    title: 'Stochastic Cooperator',
    description: 'The evolved memory-one vector (0.935, 0.229, 0.266, 0.42).',
    source: `${AX}memoryone.py (StochasticCooperator); Adami & Hintze (2013)`,
    p: [0.935, 0.229, 0.266, 0.42],
    initial: 1,
  }),
  fixedMemoryOne({
    id: 'reverse-tft',
    title: 'Reverse Tit For Tat',
    description: "Defects first, then plays the opposite of the opponent's last move.",
    source: `${AX}titfortat.py (ReverseTitForTat)`,
    p: [0, 1, 0, 1],
    initial: 0,
  }),
  memoryOneStrategy({
    id: 'zd-extort-2',
    title: 'ZD-Extort-2',
    description:
      'Extortionate zero-determinant strategy: forces π_other − P = ½(π_self − P), derived from the payoff table (s = ½, l = P, φ = half its maximum: 1/9 for (3, 0, 5, 1)); refuses a table where no such strategy exists.',
    source: `${AX}zero_determinant.py (ZDExtort2); Press & Dyson (2012), Stewart & Plotkin (2012)`,
    vector: (t) => zeroDeterminant(t, 0.5, t.P, 0.5, 'zd-extort-2'),
  }),
  memoryOneStrategy({
    id: 'zd-gtft-2',
    title: 'ZD-GTFT-2',
    description:
      'Generous zero-determinant strategy: forces π_other − R = ½(π_self − R), derived from the payoff table (s = ½, l = R, φ at its maximum: ¼ for (3, 0, 5, 1)); refuses a table where no such strategy exists.',
    source: `${AX}zero_determinant.py (ZDGTFT2); Stewart & Plotkin (2012)`,
    vector: (t) => zeroDeterminant(t, 0.5, t.R, 1, 'zd-gtft-2'),
  }),
];
