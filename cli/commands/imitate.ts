/**
 * `ludus imitate --game vgc --teacher heuristic --games N [--heldout-games M] [--opponent ID]
 *   [--features vgc-features-v1|none] [--epochs E] [--lr X] [--batch B] [--hidden 64,64] [--seed S]
 *   [--out DIR] [--json] [--set k=v]`
 * Behaviour cloning (agents/train/imitate.ts): records the teacher's choices in N matches, fits a
 * policy to them, reports the imitation accuracy on M held-out matches (other seeds), and writes
 * a checkpoint that `ludus train --resume` (optionally with --kl) starts PPO from.
 */
import type { Command } from 'commander';
import { getGame } from '../../games/index.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import type { Json } from '../../games/core/types.ts';
import { getAgent } from '../../agents/registry.ts';
import { ensureBackend } from '../../agents/policy/backend.ts';
import { architectureFor, type PolicyArchitecture } from '../../agents/policy/architecture.ts';
import { actionFeatureArchitecture, featureEncodersFor, inputEncoder } from '../../agents/policy/encoders.ts';
import { initParams } from '../../agents/policy/params.ts';
import { makeCheckpoint, saveCheckpointFile } from '../../agents/policy/checkpoint.ts';
import {
  behaviourClone,
  DEFAULT_CLONE,
  imitationAccuracy,
  recordDemonstrations,
  type Accuracy,
} from '../../agents/train/imitate.ts';
import { DEFAULT_OUT } from '../../agents/train/session.ts';
import { addGameOptions, gameConfigFrom } from './play.ts';
import { guard, parseNumber, printJson, table, UsageError } from '../output.ts';

export function registerImitate(program: Command): void {
  const cmd = program
    .command('imitate')
    .description(
      "behaviour cloning: record a teacher agent's choices, fit a policy to them, report held-out imitation accuracy, write a checkpoint",
    )
    .requiredOption('--game <id>', 'game id')
    .requiredOption('--teacher <id>', 'the agent to imitate (e.g. heuristic, max-damage)')
    .option('--games <n>', 'matches recorded for training', '200')
    .option('--heldout-games <n>', 'matches recorded (other seeds) to measure the accuracy on', '50')
    .option('--opponent <id>', "the teacher's opponent (default: the teacher plays both seats and both are recorded)")
    .option(
      '--features <encoder>',
      "input: an action-feature network over this encoder, or none for the MLP on the game encoding (default: the game's feature encoder if it has one)",
    )
    .option('--epochs <n>', 'passes over the recorded choices', '20')
    .option('--lr <x>', 'Adam learning rate', '0.003')
    .option('--batch <n>', 'minibatch size', '64')
    .option('--hidden <sizes>', 'hidden layer sizes', '64,64')
    .option('--action-hidden <n>', 'hidden units of the action-scoring head', '32')
    .option('--seed <n>', 'seed (matches, weights, minibatches)', '1')
    .option('--out <dir>', 'where the checkpoint goes', DEFAULT_OUT)
    .option('--json', 'machine-readable summary on stdout');
  addGameOptions(cmd).action((opts) =>
    guard(async () => {
      const game = getGame(opts.game);
      const config = parseConfig(game, gameConfigFrom(opts));
      const space = game.actionSpace(config);
      if (space.kind !== 'discrete')
        throw new UsageError(`${game.id} has a continuous action space; behaviour cloning here needs discrete actions`);
      const teacher = getAgent(game.id, opts.teacher);
      const opponent = opts.opponent ? getAgent(game.id, opts.opponent) : undefined;
      const int = (name: string, v: string, min = 1) => parseNumber(name, v, { min, integer: true });
      const seed = int('seed', opts.seed, 0);
      const hidden = String(opts.hidden)
        .split(',')
        .map((s) => int('hidden', s.trim()));
      const known = featureEncodersFor(game.id);
      const features = opts.features ?? known[0] ?? 'none';
      let arch: PolicyArchitecture;
      if (features === 'none') arch = architectureFor(game.obsSize(config), space, { hidden });
      else if (!known.includes(features))
        throw new UsageError(
          `--features ${features}: ${game.id} has ${known.length ? known.join(', ') : 'no feature encoder'} (or none)`,
        );
      else
        arch = actionFeatureArchitecture(features, space, {
          hidden,
          actionHidden: int('action-hidden', opts.actionHidden),
        });
      const backend = await ensureBackend({ log: opts.json ? null : undefined });
      const encoder = inputEncoder(arch, game, config);
      const games = int('games', opts.games);
      const heldoutGames = int('heldout-games', opts.heldoutGames);
      const t0 = performance.now();
      const train = recordDemonstrations({ game, config, teacher, opponent, matches: games, seed, encoder });
      const heldout = recordDemonstrations({
        game,
        config,
        teacher,
        opponent,
        matches: heldoutGames,
        seed: seed + 1_000_003,
        encoder,
      });
      const t1 = performance.now();
      if (!opts.json)
        process.stderr.write(
          `recorded ${train.size} choices in ${games} matches (+ ${heldout.size} held out in ${heldoutGames}) in ${((t1 - t0) / 1000).toFixed(1)} s\n`,
        );
      const { params, losses } = behaviourClone(arch, initParams(arch, seed), train, {
        ...DEFAULT_CLONE,
        epochs: int('epochs', opts.epochs),
        lr: parseNumber('lr', opts.lr, { min: 0 }),
        batchSize: int('batch', opts.batch),
        seed,
        onEpoch: opts.json ? undefined : (e, l) => process.stderr.write(`epoch ${e}: cross-entropy ${l.toFixed(4)}\n`),
      });
      const seconds = (performance.now() - t0) / 1000;
      const acc = { train: imitationAccuracy(arch, params, train), heldout: imitationAccuracy(arch, params, heldout) };
      const accJson = (a: Accuracy) => ({ samples: a.samples, accuracy: a.accuracy, byPhase: a.byPhase });
      const id = `bc-${game.id}-${teacher.id}-s${seed}-${Date.now().toString(36)}`;
      const rec = makeCheckpoint({
        id,
        name: `bc-${game.id}-${teacher.id}-s${seed}`,
        game: game.id,
        config: config as Json,
        architecture: arch,
        params,
        training: {
          algo: 'bc',
          teacher: teacher.id,
          opponent: opponent?.id ?? teacher.id,
          games,
          heldoutGames,
          samples: train.size,
          epochs: losses.length,
          losses,
          seed,
          seconds,
          accuracy: { train: accJson(acc.train), heldout: accJson(acc.heldout) } as unknown as Json,
        },
      });
      const path = saveCheckpointFile(opts.out, rec);
      if (opts.json)
        return printJson({
          checkpoint: path,
          id,
          backend: backend.name,
          architecture: arch.format,
          samples: train.size,
          heldoutSamples: heldout.size,
          seconds,
          losses,
          accuracy: acc,
        });
      const phases = [...new Set([...Object.keys(acc.train.byPhase), ...Object.keys(acc.heldout.byPhase)])];
      const row = (label: string, a: Accuracy) => [
        label,
        a.samples,
        a.accuracy.toFixed(3),
        ...phases.map((p) => (a.byPhase[p] ? `${a.byPhase[p]!.accuracy.toFixed(3)} (${a.byPhase[p]!.samples})` : '-')),
      ];
      process.stdout.write(
        `${game.title}: behaviour cloning of ${teacher.id} (${arch.format}${arch.format === 'ludus-actfeat-v1' ? `, ${arch.encoder}` : ''}) in ${seconds.toFixed(1)} s (tfjs ${backend.name})\n`,
      );
      process.stdout.write(
        table(
          [game.id === 'vgc' ? 'battles' : 'matches', 'choices', 'accuracy', ...phases.map((p) => `${p} (n)`)],
          [row(`train (${games})`, acc.train), row(`held out (${heldoutGames})`, acc.heldout)],
        ) + '\n',
      );
      process.stdout.write(`checkpoint ${path}\n`);
    }),
  );
}
