/**
 * VGC-lite bench: random vs random doubles battles per second on one core, against @pkmn/sim
 * (Pokémon Showdown's simulator) measured in the same run: `gen9randomdoublesbattle` through its
 * BattleStream with two RandomPlayerAI (the tool Showdown's own Runner uses). Issue goal: ≥ 50×.
 *
 * Teams come from Showdown's own random-battle generator (@pkmn/randoms, registered with
 * Teams.setGeneratorFactory): the simulator generates both teams itself when no team is passed,
 * exactly as on the Showdown server. Everything on that side (teams and mechanics) is Showdown's.
 *
 * Our side is measured twice: the bare engine loop (legal → uniform pick → step, which is what
 * RandomPlayerAI does with its request) and the full kernel runner (playMatch with the registered
 * `random` agents, validated actions and per-seat redacted observations).
 */
import { BattleStreams, Teams } from '@pkmn/sim';
import { TeamGenerators } from '@pkmn/randoms';
// RandomPlayerAI is not in @pkmn/sim's export map; import the file itself.
import { RandomPlayerAI } from '../node_modules/@pkmn/sim/build/esm/sim/tools/random-player-ai.mjs';
import { parseConfig, playMatch, Rng } from '../games/core/index.ts';
import { vgc } from '../games/vgc/index.ts';
import { instantiate, resolveAgents } from '../agents/registry.ts';
import type { Bench, BenchContext } from './harness.ts';

const SECONDS = Number(process.env.VGC_BENCH_SECONDS ?? 8);

// ---- reference: @pkmn/sim ---------------------------------------------------------------------

let generatorReady = false;
/** Lets Teams.generate('gen9randomdoublesbattle') work: @pkmn/sim leaves the generators to @pkmn/randoms. */
function installTeamGenerator(): void {
  if (generatorReady) return;
  Teams.setGeneratorFactory(TeamGenerators);
  generatorReady = true;
}

async function showdownBattle(seed: number): Promise<number> {
  const streams = BattleStreams.getPlayerStreams(new BattleStreams.BattleStream());
  // (start() comes from BattlePlayer, whose type the .d.mts of this deep import does not carry.)
  const p1 = new RandomPlayerAI(streams.p1, { seed: [seed, 1, 2, 3] as never }) as unknown as {
    start(): Promise<void>;
  };
  const p2 = new RandomPlayerAI(streams.p2, { seed: [seed, 4, 5, 6] as never }) as unknown as {
    start(): Promise<void>;
  };
  void p1.start();
  void p2.start();
  let turns = 0;
  const done = (async () => {
    for await (const chunk of streams.omniscient) {
      let i = chunk.indexOf('|turn|');
      while (i >= 0) {
        turns++;
        i = chunk.indexOf('|turn|', i + 6);
      }
    }
  })();
  void streams.omniscient.write(
    `>start {"formatid":"gen9randomdoublesbattle","seed":[${seed},7,8,9]}\n>player p1 {"name":"A"}\n>player p2 {"name":"B"}`,
  );
  await done;
  return turns;
}

/** Totals over the time slices given to one contender. */
interface Tally {
  battles: number;
  turns: number;
  seconds: number;
}
const tally = (): Tally => ({ battles: 0, turns: 0, seconds: 0 });
const rates = (t: Tally) => ({ battles: t.battles / t.seconds, turns: t.turns / t.seconds });

let showdownSeed = 0;
async function showdownSlice(t: Tally, seconds: number): Promise<void> {
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    t.turns += await showdownBattle(++showdownSeed);
    t.battles++;
  }
  t.seconds += (performance.now() - t0) / 1000;
}

// ---- ours ---------------------------------------------------------------------------------------

const config = parseConfig(vgc, { teamSource: 'random' });
const rng = Rng.seeded(1);
let engineSeed = 0;
function engineSlice(t: Tally, seconds: number): void {
  const joint: unknown[] = [undefined, undefined];
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    let s = vgc.init(config, ++engineSeed);
    while (s.phase !== 'over') {
      const acting = vgc.toAct(s);
      joint[0] = acting.includes(0) ? rng.pick(vgc.legal(s, 0)!) : undefined;
      joint[1] = acting.includes(1) ? rng.pick(vgc.legal(s, 1)!) : undefined;
      s = vgc.step(s, joint as never).state;
    }
    t.turns += s.turn;
    t.battles++;
  }
  t.seconds += (performance.now() - t0) / 1000;
}

let runnerSeed = 0;
function runnerSlice(t: Tally, seconds: number): void {
  const specs = resolveAgents('vgc', 'random,random');
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    const seed = ++runnerSeed;
    const rec = playMatch(vgc, config, seed, instantiate(vgc, config, seed, specs));
    t.turns += rec.state.turn;
    t.battles++;
  }
  t.seconds += (performance.now() - t0) / 1000;
}

/**
 * The machine may be shared, so the contenders take turns in short slices (after a warm-up that
 * loads Showdown's data and lets both JITs settle) and each rate is totals over its own slices.
 */
async function measure(ctx: BenchContext) {
  installTeamGenerator();
  await showdownSlice(tally(), 1);
  engineSlice(tally(), 0.5);
  runnerSlice(tally(), 0.5);
  const ref = tally(),
    eng = tally(),
    run = tally();
  const rounds = 4;
  for (let r = 0; r < rounds; r++) {
    ctx.status(`round ${r + 1}/${rounds}`);
    await showdownSlice(ref, SECONDS / rounds);
    engineSlice(eng, SECONDS / rounds / 2);
    runnerSlice(run, SECONDS / rounds / 2);
  }
  return { ref: rates(ref), eng: rates(eng), run: rates(run), showdownBattles: ref.battles };
}

const benches: Bench[] = [
  {
    name: 'vgc: random vs random doubles, vs @pkmn/sim',
    async run(ctx) {
      const { ref, eng, run } = await measure(ctx);
      const base = { baseline: '@pkmn/sim gen9randomdoublesbattle' };
      ctx.report({
        name: 'vgc engine loop: battles/s',
        value: eng.battles,
        unit: 'battles/s',
        ...base,
        baselineValue: ref.battles,
        ratio: eng.battles / ref.battles,
        goal: '>= 50x',
      });
      ctx.report({
        name: 'vgc engine loop: turns/s',
        value: eng.turns,
        unit: 'turns/s',
        ...base,
        baselineValue: ref.turns,
        ratio: eng.turns / ref.turns,
      });
      ctx.report({
        name: 'vgc playMatch (validated, observed): battles/s',
        value: run.battles,
        unit: 'battles/s',
        ...base,
        baselineValue: ref.battles,
        ratio: run.battles / ref.battles,
      });
      ctx.report({
        name: 'vgc playMatch (validated, observed): turns/s',
        value: run.turns,
        unit: 'turns/s',
        ...base,
        baselineValue: ref.turns,
        ratio: run.turns / ref.turns,
      });
    },
  },
];

export default benches;
