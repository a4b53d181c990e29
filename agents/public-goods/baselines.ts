/**
 * Baseline agents for both public goods games (simultaneous and sequential, any N). Each reads only
 * its view; in a punishment stage all but `punisher` punish nobody.
 */
import type { AgentSpec } from '../core/agent.ts';
import type { PublicGoodsView } from '../../games/public-goods/view.ts';
import type { PublicGoodsAction } from '../../games/public-goods/actions.ts';
import { punish } from '../../games/public-goods/actions.ts';
import { contributionOf, noPunishment, othersReference } from './view-helpers.ts';

export const PUBLIC_GOODS_GAME_IDS = ['public-goods', 'sequential-public-goods'] as const;

/** An agent whose contribution is a function of its view and which never punishes. */
function contributor(
  id: string,
  title: string,
  description: string,
  source: string | undefined,
  amount: (v: PublicGoodsView) => number,
): AgentSpec {
  return {
    id,
    games: PUBLIC_GOODS_GAME_IDS,
    title,
    description,
    ...(source ? { source } : {}),
    // Deterministic and reading only the last completed round (or this round's predecessors):
    // agents/adversary/best-response.ts solves the exact best response to such a strategy.
    meta: { memory: 'last-round' },
    create: () => ({
      act: (v: PublicGoodsView): PublicGoodsAction =>
        v.stage === 'punish' ? noPunishment(v) : contributionOf(v, amount(v)),
    }),
  };
}

export const freeRider = contributor(
  'free-rider',
  'Free Rider',
  'Contributes nothing, never punishes (the Nash play when MPCR < 1).',
  'REFERENCES.md, linear public goods',
  () => 0,
);

export const fullContributor = contributor(
  'full-contributor',
  'Full Contributor',
  'Contributes the whole endowment every round, never punishes (the social optimum when MPCR > 1/N).',
  undefined,
  (v) => v.endowment,
);

export const half = contributor(
  'half',
  'Half',
  'Contributes half the endowment every round, never punishes.',
  undefined,
  (v) => v.endowment / 2,
);

/**
 * Fischbacher, Gächter & Fehr 2001 (Economics Letters 71:397): about half of subjects contribute
 * roughly the average they expect from the others. Here: half the endowment in the first round,
 * then the others' average — this round's predecessors in the sequential game, else last round's.
 */
export const conditionalCooperator = contributor(
  'conditional-cooperator',
  'Conditional Cooperator',
  "Starts with half the endowment, then matches the others' latest average contribution.",
  'Fischbacher, Gächter & Fehr 2001, Economics Letters 71:397',
  (v) => othersReference(v) ?? v.endowment / 2,
);

/** A group version of TFT: cooperate fully while the others' average is at least half the endowment. */
export const titForTatGroup = contributor(
  'tit-for-tat-group',
  'Tit For Tat (group)',
  "Contributes everything at first and while the others' latest average is at least half the endowment, else nothing.",
  'threshold reciprocity after Axelrod 1984 TFT, adapted to groups',
  (v) => {
    const ref = othersReference(v);
    return ref === null || ref >= v.endowment / 2 ? v.endowment : 0;
  },
);

/**
 * Contributes everything; in a punishment stage punishes each other seat whose contribution this
 * round is below the group average, with ceil(shortfall / k) points (so the fine roughly equals the
 * shortfall), largest shortfall first, within its per-target cap and its budget. Altruistic
 * punishment as in Fehr & Gächter 2002.
 */
export const punisher: AgentSpec = {
  id: 'punisher',
  games: PUBLIC_GOODS_GAME_IDS,
  title: 'Punisher',
  description:
    'Contributes everything and punishes below-average contributors (about one unit removed per unit of shortfall).',
  source: 'Fehr & Gächter 2002, Nature 415:137',
  create: () => ({
    act(v: PublicGoodsView): PublicGoodsAction {
      if (v.stage !== 'punish') return contributionOf(v, v.endowment);
      const p = v.punishment!;
      const seat = v.seat as number;
      const current = v.current as number[];
      const average = current.reduce((a, b) => a + b, 0) / v.players;
      const points = new Array<number>(v.players).fill(0);
      let budget = v.budget ?? 0;
      const targets = current
        .map((c, s) => ({ s, shortfall: average - c }))
        .filter((t) => t.s !== seat && t.shortfall > 1e-9)
        .sort((a, b) => b.shortfall - a.shortfall || a.s - b.s);
      for (const t of targets) {
        const want = Math.min(p.maxPoints, Math.ceil(t.shortfall / p.impact - 1e-9));
        const afford = Math.floor(budget / p.cost + 1e-9);
        const give = Math.min(want, afford);
        if (give <= 0) break;
        points[t.s] = give;
        budget -= give * p.cost;
      }
      return punish(points);
    },
  }),
};

export const PUBLIC_GOODS_AGENTS: AgentSpec[] = [
  freeRider,
  fullContributor,
  conditionalCooperator,
  punisher,
  titForTatGroup,
  half,
];
