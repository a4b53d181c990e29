/**
 * Public goods benches: engine steps/s for N = 4 and N = 32 against a bare loop that computes the
 * same payoffs from plain arrays (the reference, same run), and backward-induction time for N = 3
 * and N = 4 against a bare enumeration of the same leaves.
 */
import { Rng, parseConfig, stepChecked, type AnyGame } from '../games/core/index.ts';
import { publicGoods, sequentialPublicGoods, sequentialPayoffs } from '../games/public-goods/index.ts';
import { solveSpe } from '../agents/public-goods/analysis/backward-induction.ts';
import { throughput, type Bench } from './harness.ts';

const SECONDS = 1;

/** Pre-drawn integer contributions so that the timed loops draw nothing. */
function contributionTable(n: number, e: number, rows: number): Int32Array {
  const rng = Rng.seeded(7);
  const t = new Int32Array(n * rows);
  for (let i = 0; i < t.length; i++) t[i] = rng.int(e + 1);
  return t;
}

/** Steps/s of the bare reference: π_i = e − c_i + MPCR·Σc accumulated into totals. */
function referenceLoop(n: number, e: number, mpcr: number, table: Int32Array, rows: number): number {
  const totals = new Float64Array(n);
  let row = 0;
  return throughput(SECONDS, () => {
    for (let k = 0; k < 1000; k++) {
      const base = row * n;
      let sum = 0;
      for (let i = 0; i < n; i++) sum += table[base + i]!;
      const share = mpcr * sum;
      for (let i = 0; i < n; i++) totals[i] += e - table[base + i]! + share;
      row = (row + 1) % rows;
    }
    return 1000;
  }).opsPerSec;
}

/** Steps/s of an engine driven directly (no validation), re-initialising at the end of each match. */
function engineLoop(game: AnyGame, rawConfig: unknown, table: Int32Array, rows: number, validate: boolean): number {
  const config = parseConfig(game, rawConfig);
  const n = config.players;
  const actions = Array.from({ length: rows }, (_, r) =>
    Array.from({ length: n }, (_, i) => ({ type: 'contribute', amount: table[r * n + i]! })),
  );
  let state = game.init(config, 1);
  let row = 0;
  let seed = 1;
  return throughput(SECONDS, () => {
    for (let k = 0; k < 200; k++) {
      if (game.isTerminal(state)) state = game.init(config, ++seed);
      const joint = actions[row]!;
      const acting = game.toAct(state);
      const step = acting.length === n ? joint : joint.map((a, s) => (s === acting[0] ? a : undefined));
      state = validate ? stepChecked(game, state, step).state : game.step(state, step).state;
      row = (row + 1) % rows;
    }
    return 200;
  }).opsPerSec;
}

function stepBench(label: string, game: AnyGame, config: Record<string, unknown>, n: number, validate: boolean): Bench {
  return {
    name: `${label} N=${n}${validate ? ' (validated)' : ''}`,
    run(ctx) {
      const rows = 4096;
      const table = contributionTable(n, 20, rows);
      ctx.status('reference loop');
      const ref = referenceLoop(n, 20, 0.4, table, rows);
      ctx.status('engine');
      const eng = engineLoop(game, { ...config, players: n }, table, rows, validate);
      ctx.report({
        name: `${label} steps/s N=${n}${validate ? ' validated' : ''}`,
        value: eng,
        unit: 'steps/s',
        baseline: 'bare payoff loop',
        baselineValue: ref,
        ratio: eng / ref,
      });
    },
  };
}

/** Milliseconds per backward induction vs a bare enumeration of the same leaves. */
function speBench(players: number, endowment: number): Bench {
  return {
    name: `public-goods backward induction N=${players} e=${endowment}`,
    run(ctx) {
      const config = { players, endowment, preset: 'mac-spgg' };
      const cfg = parseConfig(sequentialPublicGoods, config);
      const params = { ...cfg };
      const levels = endowment + 1;
      const leaves = levels ** players;
      const profile = new Array<number>(players).fill(0);
      const out = new Array<number>(players);
      ctx.status('bare enumeration');
      const enumerate = throughput(SECONDS, () => {
        let acc = 0;
        for (let leaf = 0; leaf < leaves; leaf++) {
          let x = leaf;
          for (let k = 0; k < players; k++) {
            profile[k] = x % levels;
            x = (x - profile[k]!) / levels;
          }
          acc += sequentialPayoffs(params, profile, out)[0]!;
        }
        if (!Number.isFinite(acc)) throw new Error('unreachable');
        return 1;
      });
      ctx.status('solver');
      const solve = throughput(SECONDS, () => {
        solveSpe(config);
        return 1;
      });
      const ms = 1000 / solve.opsPerSec;
      const refMs = 1000 / enumerate.opsPerSec;
      ctx.report({
        name: `backward induction ms N=${players} e=${endowment} (${leaves} leaves)`,
        value: ms,
        unit: 'ms',
        baseline: 'bare leaf enumeration',
        baselineValue: refMs,
        ratio: ms / refMs,
      });
    },
  };
}

const benches: Bench[] = [
  stepBench('public-goods', publicGoods, {}, 4, false),
  stepBench('public-goods', publicGoods, {}, 32, false),
  stepBench('public-goods', publicGoods, {}, 4, true),
  stepBench('sequential-public-goods', sequentialPublicGoods, { preset: 'mac-spgg' }, 4, false),
  speBench(3, 20),
  speBench(4, 20),
];

export default benches;
