/**
 * Re-evaluate every checkpoint of a run, in training order, for docs/results.md:
 *   node --import tsx agents/train/experiments/checkpoint-curve.ts <dir> [--vs a,b] [--matches N] [--group]
 * --vs: score (wins + ½ draws, Wilson 95 %) and mean return against built-in agents;
 * --group: the policy in every seat (self-play group), mean contribution as a fraction of the
 *          endowment (public goods games; agents/public-goods/analysis/contributions.ts).
 * Prints one JSON object per checkpoint.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../../games/core/kernel.ts';
import { getGame } from '../../../games/index.ts';
import { groupContributions } from '../../public-goods/analysis/contributions.ts';
import { checkpointAgent, loadCheckpointFile } from '../../policy/checkpoint.ts';
import { resolveAgents } from '../../registry.ts';
import { evaluateAgainst } from '../evaluate.ts';

const args = process.argv.slice(2);
const dir = args[0]!;
const opt = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const matches = Number(opt('matches') ?? 100);
const records = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.curve.json'))
  .map((f) => loadCheckpointFile(join(dir, f)))
  .sort((a, b) => Number((a.training as any).envSteps ?? 0) - Number((b.training as any).envSteps ?? 0));

for (const rec of records) {
  const game = getGame(rec.game);
  const config = parseConfig(game, rec.config);
  const spec = checkpointAgent(rec);
  const t = rec.training as Record<string, any>;
  const row: Record<string, unknown> = {
    checkpoint: rec.id,
    envSteps: t.envSteps,
    iterations: t.iterations,
    seconds: t.seconds,
  };
  const vs = opt('vs');
  if (vs) {
    for (const l of evaluateAgainst(game, config, spec, resolveAgents(game.id, vs), matches, 777)) {
      row[`score_vs_${l.opponent}`] = [l.score.estimate, l.score.low, l.score.high].map((x) => +x.toFixed(3));
      row[`return_vs_${l.opponent}`] = +l.meanReturn.toFixed(3);
    }
  }
  if (args.includes('--group')) {
    const n = game.numSeats(config);
    const g = groupContributions(
      game,
      config,
      Array.from({ length: n }, () => spec),
      matches,
      777,
    );
    row.groupContribution = +g.groupContribution.toFixed(3);
    row.byRound = g.byRound.map((x) => +x.toFixed(2));
  }
  process.stdout.write(JSON.stringify(row) + '\n');
}
