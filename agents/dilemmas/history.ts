/**
 * Classic strategies that look further back than one turn. Each keeps what it needs in its
 * closure (one per match) and reads only realised moves, as in the Axelrod library.
 */
import type { Move } from '../../games/dilemmas/config.ts';
import type { AgentSpec } from '../core/agent.ts';
import { strategy } from './strategy.ts';

const AX = 'Axelrod library, axelrod/strategies/';
const last = (xs: readonly Move[], k = 1): Move | undefined => xs[xs.length - k];

export const HISTORY_STRATEGIES: AgentSpec[] = [
  strategy({
    id: 'tf2t',
    title: 'Tit For 2 Tats',
    description: 'Defects only after two consecutive defections by the opponent.',
    source: `${AX}titfortat.py (TitFor2Tats); Axelrod (1984)`,
    make: () => (o) => (last(o.oppMoves) === 'D' && last(o.oppMoves, 2) === 'D' ? 'D' : 'C'),
  }),
  strategy({
    id: 'two-tits-for-tat',
    title: 'Two Tits For Tat',
    description:
      'Defects twice after each defection: defects if the opponent defected in either of the last two turns.',
    source: `${AX}titfortat.py (TwoTitsForTat); Axelrod (1984)`,
    make: () => (o) => (last(o.oppMoves) === 'D' || last(o.oppMoves, 2) === 'D' ? 'D' : 'C'),
  }),
  strategy({
    id: 'hard-tft',
    title: 'Hard Tit For Tat',
    description: 'Defects if the opponent defected in any of the last three turns.',
    source: `${AX}titfortat.py (HardTitForTat)`,
    make: () => (o) =>
      last(o.oppMoves) === 'D' || last(o.oppMoves, 2) === 'D' || last(o.oppMoves, 3) === 'D' ? 'D' : 'C',
  }),
  strategy({
    id: 'grim',
    title: 'Grim Trigger (Grudger)',
    description: 'Cooperates until the opponent defects once, then defects forever.',
    source: `${AX}grudger.py (Grudger); Friedman (1971)`,
    make: () => {
      let betrayed = false;
      return (o) => {
        if (last(o.oppMoves) === 'D') betrayed = true;
        return betrayed ? 'D' : 'C';
      };
    },
  }),
  strategy({
    id: 'prober',
    title: 'Prober',
    description: 'Plays D, C, C; then defects forever if the opponent cooperated on turns 2 and 3, else plays TFT.',
    source: `${AX}prober.py (Prober); Mathieu & Delahaye (2015)`,
    make: () => (o) => {
      const n = o.myMoves.length;
      if (n === 0) return 'D';
      if (n < 3) return 'C';
      if (o.oppMoves[1] === 'C' && o.oppMoves[2] === 'C') return 'D';
      return last(o.oppMoves) === 'D' ? 'D' : 'C';
    },
  }),
  strategy({
    id: 'handshake',
    title: 'Handshake',
    description: 'Opens C, D; cooperates forever if the opponent opened the same way, else defects forever.',
    source: `${AX}handshake.py (Handshake); Robson (1990)`,
    make: () => (o) => {
      const n = o.myMoves.length;
      if (n === 0) return 'C';
      if (n === 1) return 'D';
      return o.oppMoves[0] === 'C' && o.oppMoves[1] === 'D' ? 'C' : 'D';
    },
  }),
  strategy({
    id: 'adaptive',
    title: 'Adaptive',
    description: 'Opens with C×6 then D×5, then plays whichever move has earned it the larger total so far.',
    source: `${AX}adaptive.py (Adaptive); Li et al. (2011)`,
    make: () => {
      const earned = { C: 0, D: 0 };
      let seen = 0;
      return (o) => {
        const { R, S, T, P } = o.payoffs.own;
        for (; seen < o.myMoves.length; seen++) {
          const mine = o.myMoves[seen]!;
          const theirs = o.oppMoves[seen]!;
          earned[mine] += mine === 'C' ? (theirs === 'C' ? R : S) : theirs === 'C' ? T : P;
        }
        const n = o.myMoves.length;
        if (n < 6) return 'C';
        if (n < 11) return 'D';
        return earned.C > earned.D ? 'C' : 'D';
      };
    },
  }),
  strategy({
    id: 'cycler-ccd',
    title: 'Cycler CCD',
    description: 'Plays the cycle C, C, D forever.',
    source: `${AX}cycler.py (CyclerCCD)`,
    make: () => (o) => (o.myMoves.length % 3 === 2 ? 'D' : 'C'),
  }),
  strategy({
    id: 'go-by-majority',
    title: 'Soft Go By Majority',
    description: 'Cooperates while the opponent has cooperated at least as often as it defected.',
    source: `${AX}gobymajority.py (GoByMajority); Axelrod (1984)`,
    make: () => {
      let coop = 0;
      let seen = 0;
      return (o) => {
        for (; seen < o.oppMoves.length; seen++) if (o.oppMoves[seen] === 'C') coop++;
        return coop >= seen - coop ? 'C' : 'D';
      };
    },
  }),
  strategy({
    id: 'gradual',
    title: 'Gradual',
    description: "Answers the opponent's n-th defection with n defections followed by two cooperations.",
    source: 'Beaufils, Delahaye & Mathieu (1996); Axelrod library Gradual (this is the original rule)',
    make: () => {
      let defections = 0;
      let punish = 0;
      let calm = 0;
      let seen = 0;
      return (o) => {
        for (; seen < o.oppMoves.length; seen++) if (o.oppMoves[seen] === 'D') defections++;
        if (punish > 0) {
          punish--;
          if (punish === 0) calm = 2;
          return 'D';
        }
        if (calm > 0) {
          calm--;
          return 'C';
        }
        if (last(o.oppMoves) === 'D') {
          punish = defections - 1;
          if (punish === 0) calm = 2;
          return 'D';
        }
        return 'C';
      };
    },
  }),
];
