/**
 * The classic memory-one strategies. Vectors are P(C | CC, CD, DC, DD) from the player's own
 * point of view, with the first move (axelrod/strategies/memoryone.py, zero_determinant.py).
 */
import type { Payoffs } from '../../games/dilemmas/config.ts';
import type { AgentSpec } from '../core/agent.ts';
import type { MemoryOne } from '../eval/memory-one.ts';
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
    p: [1 - phi * (1 - s) * (R - l), 1 - phi * (s * (l - S) + (T - l)), phi * (l - S + s * (T - l)), phi * (1 - s) * (l - P)],
    initial: 1,
  };
}

const AX = 'Axelrod library, axelrod/strategies/';

export const MEMORY_ONE_STRATEGIES: AgentSpec[] = [
  fixedMemoryOne({ id: 'allc', title: 'Cooperator (ALLC)', description: 'Always cooperates.', source: `${AX}cooperator.py`, p: [1, 1, 1, 1], initial: 1 }),
  fixedMemoryOne({ id: 'alld', title: 'Defector (ALLD)', description: 'Always defects.', source: `${AX}defector.py`, p: [0, 0, 0, 0], initial: 0 }),
  fixedMemoryOne({ id: 'tft', title: 'Tit For Tat', description: "Cooperates first, then copies the opponent's last move.", source: `${AX}titfortat.py; Axelrod (1980)`, p: [1, 0, 1, 0], initial: 1 }),
  fixedMemoryOne({ id: 'stft', title: 'Suspicious Tit For Tat', description: "Defects first, then copies the opponent's last move.", source: `${AX}titfortat.py (SuspiciousTitForTat); Beaufils et al. (1996)`, p: [1, 0, 1, 0], initial: 0 }),
  fixedMemoryOne({ id: 'wsls', title: 'Win-Stay Lose-Shift', description: 'Repeats its move after R or T, switches after S or P (Pavlov).', source: `${AX}memoryone.py (WinStayLoseShift); Nowak & Sigmund (1993)`, p: [1, 0, 0, 1], initial: 1 }),
  memoryOneStrategy({
    id: 'gtft',
    title: 'Generous Tit For Tat',
    description: 'TFT that forgives a defection with probability p = min(1 − (T−R)/(R−S), (R−P)/(T−P)) (1/3 by default).',
    source: `${AX}memoryone.py (GTFT); Nowak & Sigmund (1990)`,
    vector: (t) => {
      const p = gtftForgiveness(t);
      return { p: [1, p, 1, p], initial: 1 };
    },
  }),
  fixedMemoryOne({ id: 'random', title: 'Random', description: 'Cooperates with probability 1/2 every turn.', source: `${AX}rand.py`, p: [0.5, 0.5, 0.5, 0.5], initial: 0.5 }),
  fixedMemoryOne({ id: 'alternator', title: 'Alternator', description: 'Alternates C, D, C, D… (switches its own last realised move).', source: `${AX}alternator.py`, p: [0, 0, 1, 1], initial: 1 }),
  fixedMemoryOne({ id: 'joss', title: 'Joss', description: 'TFT that defects with probability 0.1 instead of cooperating.', source: `${AX}axelrod_first.py (Joss); Axelrod (1980)`, p: [0.9, 0, 0.9, 0], initial: 1 }),
  fixedMemoryOne({ id: 'fbf', title: 'Firm But Fair', description: 'Cooperates after CC and DC, defects after being suckered, cooperates with probability 2/3 after DD.', source: `${AX}memoryone.py (FirmButFair); Frean (1994)`, p: [1, 0, 1, 2 / 3], initial: 1 }),
  fixedMemoryOne({ id: 'stochastic-cooperator', title: 'Stochastic Cooperator', description: 'The evolved memory-one vector (0.935, 0.229, 0.266, 0.42).', source: `${AX}memoryone.py (StochasticCooperator); Adami & Hintze (2013)`, p: [0.935, 0.229, 0.266, 0.42], initial: 1 }),
  fixedMemoryOne({ id: 'reverse-tft', title: 'Reverse Tit For Tat', description: "Defects first, then plays the opposite of the opponent's last move.", source: `${AX}titfortat.py (ReverseTitForTat)`, p: [0, 1, 0, 1], initial: 0 }),
  memoryOneStrategy({
    id: 'zd-extort-2',
    title: 'ZD-Extort-2',
    description: 'Extortionate zero-determinant strategy: forces π_other − P = ½(π_self − P) (φ = 1/9, s = ½, l = P).',
    source: `${AX}zero_determinant.py (ZDExtort2); Press & Dyson (2012), Stewart & Plotkin (2012)`,
    vector: (t) => linearRelation(t, 1 / 9, 0.5, t.P),
  }),
  memoryOneStrategy({
    id: 'zd-gtft-2',
    title: 'ZD-GTFT-2',
    description: 'Generous zero-determinant strategy: forces π_other − R = ½(π_self − R) (φ = ¼, s = ½, l = R).',
    source: `${AX}zero_determinant.py (ZDGTFT2); Stewart & Plotkin (2012)`,
    vector: (t) => linearRelation(t, 0.25, 0.5, t.R),
  }),
];
