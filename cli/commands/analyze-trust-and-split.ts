/**
 * `ludus analyze trust-and-split [--set coins=N] [--set highValue=H] [--set lowValue=L] [--matrix] [--json]`
 *
 * The exact analysis of one round (agents/trust-and-split/analysis/stage-game.ts): for the high-value
 * player as seat 0, the pure Nash equilibria of the claim game, what survives iterated strict dominance,
 * the equilibrium and optimal welfare and the price of anarchy; then the ex-ante "trust or grab" 2×2
 * game and whether it is a prisoner's dilemma. `--matrix` prints the payoff bimatrix.
 */
import type { Command } from 'commander';
import { stageGame, summarise, trustOrGrab } from '../../agents/trust-and-split/analysis/stage-game.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { trustAndSplit, type TrustSplitConfig } from '../../games/trust-and-split/index.ts';
import { guard, parseSets, printJson, table } from '../output.ts';
import { analyzeCommand } from './analyze.ts';

const num = (x: number) => (Number.isInteger(x) ? String(x) : String(+x.toFixed(4)));

export function registerAnalyzeTrustAndSplit(program: Command): void {
  analyzeCommand(program)
    .command('trust-and-split')
    .description(
      'exact analysis of one Trust-and-Split round: equilibria, dominance, welfare, the trust-or-grab dilemma',
    )
    .option('--set <key=value...>', 'game config keys (coins, highValue, lowValue)')
    .option('--matrix', 'print the payoff bimatrix (high-value player as rows)')
    .option('--json', 'machine-readable results on stdout')
    .action((opts) =>
      guard(() => {
        const c = parseConfig(trustAndSplit, parseSets(opts.set)) as TrustSplitConfig;
        const g = stageGame(c.coins, [c.highValue, c.lowValue]);
        const s = summarise(g);
        const d = trustOrGrab(c);
        if (opts.json)
          return printJson({ config: c, stage: s, trustOrGrab: d, ...(opts.matrix ? { payoffs: g.payoffs } : {}) });
        const out: string[] = [];
        out.push(
          `One round of ${c.coins} coins; the row player values a coin at ${num(c.highValue)}, the column player at ${num(c.lowValue)}.`,
        );
        out.push(`Pure Nash equilibria (claims high, low): ${s.equilibria.map(([a, b]) => `(${a}, ${b})`).join(' ')}`);
        out.push(
          `Iterated strict dominance leaves: high {${s.survivors[0].join(', ')}}, low {${s.survivors[1].join(', ')}}` +
            (s.survivors[0].length === 1 && s.survivors[1].length === 1
              ? ' — the unique equilibrium, mixed ones included'
              : ''),
        );
        out.push(
          `Equilibrium points ${num(s.nashPoints[0])} / ${num(s.nashPoints[1])} (welfare ${num(s.nashWelfare)}); optimum ${num(s.optimum)} at claims (${s.optimumClaims.join(', ')}); price of anarchy ${num(s.priceOfAnarchy)}`,
        );
        out.push('');
        out.push('Before the draw (each player high with probability 1/2), expected points per round:');
        out.push(
          table(
            ['', 'other trusts', 'other grabs'],
            [
              ['trust (tell the hand; all if high, none if low)', `R = ${num(d.R)}`, `S = ${num(d.S)}`],
              ['grab (claim all)', `T = ${num(d.T)}`, `P = ${num(d.P)}`],
            ],
          ),
        );
        out.push(
          d.prisonersDilemma ? "A prisoner's dilemma: T > R > P > S and 2R > T + S." : "Not a prisoner's dilemma.",
        );
        if (opts.matrix) {
          out.push('');
          out.push(
            table(
              ['high \\ low', ...Array.from({ length: c.coins + 1 }, (_, k) => String(k))],
              g.payoffs[0].map((row, i) => [String(i), ...row.map((p, j) => `${num(p)}/${num(g.payoffs[1][i]![j]!)}`)]),
            ),
          );
        }
        process.stdout.write(`${out.join('\n')}\n`);
      }),
    );
}
