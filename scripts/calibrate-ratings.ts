/**
 * Choosing the Bradley–Terry prior by calibration on the built-in agents' matches
 * (docs/ratings.md, "Choosing the prior"):
 *   npx tsx scripts/calibrate-ratings.ts [--quick]
 * For each game, plays rated matches between randomly drawn built-in agents (seeded), ranks their
 * seats (games/core/standings.ts) and breaks them into weighted pair results (the arena's rule).
 * The last 30 % of the matches are held out. For several training sizes (the first n matches) and
 * prior sds, fits the MAP model on the training matches and scores its predicted score of every
 * held-out pair result: mean log loss (draws count half a win each way) and a reliability table
 * (predicted vs observed score in bins of predicted score).
 */
import { agentsFor, instantiate } from '../agents/registry.ts';
import { fitRatings } from '../agents/eval/rating-board.ts';
import { BT_PRIOR_SD_ELO, predictScore } from '../agents/eval/bradley-terry.ts';
import { pairResults, PairTable, type PairResult } from '../agents/eval/rating-pairs.ts';
import { playFast } from '../agents/eval/tournament.ts';
import { parseConfig } from '../games/core/kernel.ts';
import { deriveSeed, Rng } from '../games/core/rng.ts';
import { adjudicate } from '../games/core/standings.ts';
import { getGame } from '../games/index.ts';

const quick = process.argv.includes('--quick');
const PRIORS = [50, 100, 200, 300, 400, 600, 1000, 3000];

const GAMES: { id: string; config: unknown; matches: number; agents?: string[] }[] = [
  { id: 'ipd', config: { turns: 50, noise: 0.05 }, matches: quick ? 600 : 3000 },
  { id: 'public-goods', config: { rounds: 5 }, matches: quick ? 300 : 1500 },
  { id: 'vgc', config: {}, matches: quick ? 100 : 400 },
  { id: 'sumo', config: {}, matches: quick ? 60 : 240 },
];

interface Played {
  pairs: PairResult[];
}

function play(id: string, configIn: unknown, n: number): { agents: string[]; matches: Played[] } {
  const game = getGame(id);
  const config = parseConfig(game, configIn);
  const specs = agentsFor(id);
  const seats = game.numSeats(config);
  const rng = Rng.seeded(deriveSeed(7, 'calibrate', id));
  const matches: Played[] = [];
  for (let k = 0; k < n; k++) {
    const seated = Array.from({ length: seats }, () => specs[rng.int(specs.length)]!);
    const seed = deriveSeed(7, id, k);
    const m = playFast(game, config, seed, instantiate(game, config, seed, seated));
    const { ranks } = adjudicate({ returns: m.returns, ...(m.winner === undefined ? {} : { winner: m.winner }) });
    matches.push({
      pairs: pairResults(
        seated.map((s) => s.id),
        ranks,
      ),
    });
    if (k % 50 === 0) process.stderr.write(`\r${id}: ${k}/${n} matches`);
  }
  process.stderr.write(`\r${id}: ${n}/${n} matches\n`);
  return { agents: specs.map((s) => s.id), matches };
}

function evaluate(agents: string[], train: Played[], test: Played[], priorSd: number) {
  const table = new PairTable();
  for (const m of train) table.addResults(m.pairs);
  const rf = fitRatings(agents, table, { priorSd });
  let loss = 0;
  let weight = 0;
  const bins = Array.from({ length: 10 }, () => ({ predicted: 0, observed: 0, weight: 0 }));
  for (const m of test)
    for (const p of m.pairs) {
      const q = Math.min(
        1 - 1e-12,
        Math.max(1e-12, predictScore(rf.fit, rf.index.get(p.a)!, rf.index.get(p.b)!).score),
      );
      loss -= p.weight * (p.scoreA * Math.log(q) + (1 - p.scoreA) * Math.log(1 - q));
      weight += p.weight;
      // Reliability from both sides of the pair, so the table is symmetric about ½.
      for (const [pq, s] of [
        [q, p.scoreA],
        [1 - q, 1 - p.scoreA],
      ] as const) {
        const b = bins[Math.min(9, Math.floor(pq * 10))]!;
        b.predicted += p.weight * pq;
        b.observed += p.weight * s;
        b.weight += p.weight;
      }
    }
  return { logLoss: loss / weight, bins };
}

const summary: Record<number, number[]> = Object.fromEntries(PRIORS.map((p) => [p, []]));
for (const g of GAMES) {
  const { agents, matches } = play(g.id, g.config, g.matches);
  const cut = Math.floor(matches.length * 0.7);
  const test = matches.slice(cut);
  const sizes = [Math.min(50, cut), Math.min(200, cut), cut].filter((x, i, a) => a.indexOf(x) === i);
  console.log(
    `\n${g.id} (${JSON.stringify(g.config)}): ${agents.length} agents, ${cut} training / ${test.length} held-out matches; held-out log loss per result (lower is better)`,
  );
  console.log(['prior sd', ...sizes.map((s) => `train ${s}`)].join('\t'));
  for (const prior of PRIORS) {
    const row = sizes.map((s) => evaluate(agents, matches.slice(0, s), test, prior).logLoss);
    row.forEach((x) => summary[prior]!.push(x));
    console.log([prior, ...row.map((x) => x.toFixed(4))].join('\t'));
  }
  const chosen = evaluate(agents, matches.slice(0, cut), test, BT_PRIOR_SD_ELO);
  console.log(
    `reliability at prior sd ${BT_PRIOR_SD_ELO}, all ${cut} training matches: predicted → observed (share of results)`,
  );
  console.log(
    chosen.bins
      .filter((b) => b.weight > 0)
      .map(
        (b) =>
          `${(b.predicted / b.weight).toFixed(2)}→${(b.observed / b.weight).toFixed(2)} (${((b.weight / chosen.bins.reduce((s, x) => s + x.weight, 0)) * 100).toFixed(0)}%)`,
      )
      .join('  '),
  );
}
console.log('\nmean held-out log loss over every game and training size:');
for (const prior of PRIORS)
  console.log(`prior sd ${prior}\t${(summary[prior]!.reduce((a, b) => a + b, 0) / summary[prior]!.length).toFixed(4)}`);
