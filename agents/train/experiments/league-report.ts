/**
 * Do the league's exploiters find weaknesses? For docs/results.md:
 *   node --import tsx agents/train/experiments/league-report.ts <league dir> [--matches N]
 * For every exploiter snapshot: the score recorded when it was taken (against the live main agent,
 * `training.vsMain`), its score against the latest main-agent snapshot taken before it, and against
 * the final main snapshot (has the main agent closed the hole since?). Also the final main snapshot
 * against the references.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../../games/core/kernel.ts';
import { getGame } from '../../../games/index.ts';
import { checkpointAgent, loadCheckpointFile } from '../../policy/checkpoint.ts';
import { agentsFor } from '../../registry.ts';
import { evaluateAgainst } from '../evaluate.ts';

const args = process.argv.slice(2);
const dir = args[0]!;
const mi = args.indexOf('--matches');
const matches = mi >= 0 ? Number(args[mi + 1]) : 100;
const recs = readdirSync(dir)
  .filter((f) => f.endsWith('.json') && !f.endsWith('.curve.json'))
  .map((f) => ({ rec: loadCheckpointFile(join(dir, f)), created: 0 }))
  .map((x) => ({ ...x, created: Date.parse(x.rec.createdAt) }))
  .sort((a, b) => a.created - b.created);
const game = getGame(recs[0]!.rec.game);
const config = parseConfig(game, recs[0]!.rec.config);
const role = (r: (typeof recs)[number]) => String((r.rec.training as any).role);
const refs = agentsFor(game.id);
const mains = recs.filter((r) => role(r) === 'main');
const last = mains.at(-1)!;
for (const r of recs) {
  if (role(r) === 'main') continue;
  const target = [...mains].reverse().find((m) => m.created <= r.created);
  if (!target) continue;
  const mainSpec = checkpointAgent(target.rec, { id: target.rec.id });
  const [line] = evaluateAgainst(game, config, checkpointAgent(r.rec, { id: r.rec.id }), [mainSpec], matches, 99);
  // Did the main agent close the hole later? The same exploiter snapshot against the final main snapshot.
  const [later] = evaluateAgainst(
    game,
    config,
    checkpointAgent(r.rec, { id: r.rec.id }),
    [checkpointAgent(last.rec, { id: last.rec.id })],
    matches,
    98,
  );
  const iv = (l: typeof line) => [l!.score.estimate, l!.score.low, l!.score.high].map((x) => +x.toFixed(3));
  process.stdout.write(
    JSON.stringify({
      snapshot: r.rec.id,
      role: role(r),
      envSteps: (r.rec.training as any).envSteps,
      atSnapshot: (r.rec.training as any).vsMain ?? null,
      vsMain: target.rec.id,
      score: iv(line),
      vsFinalMain: last.rec.id,
      finalScore: iv(later),
    }) + '\n',
  );
}
for (const l of evaluateAgainst(game, config, checkpointAgent(last.rec, { id: last.rec.id }), refs, matches, 99)) {
  process.stdout.write(
    JSON.stringify({
      finalMain: last.rec.id,
      opponent: l.opponent,
      score: [l.score.estimate, l.score.low, l.score.high].map((x) => +x.toFixed(3)),
    }) + '\n',
  );
}
