/**
 * VGC-lite bench: random vs random doubles battles per second on one core, against @pkmn/sim
 * (Pokémon Showdown's simulator) measured in the same run: `gen9randomdoublesbattle` through its
 * BattleStream with two RandomPlayerAI (the tool Showdown's own Runner uses). Issue goal: ≥ 50×.
 *
 * @pkmn/sim ships without its random-team generator (@pkmn/randoms, not installed here), so the
 * bench registers a small TeamGeneratorFactory: six random fully evolved gen-9 species, each with
 * four random moves from its gen-9 learnset, level 80. Battle mechanics are all Showdown's own.
 *
 * Our side is measured twice: the bare engine loop (legal → uniform pick → step, which is what
 * RandomPlayerAI does with its request) and the full kernel runner (playMatch with the registered
 * `random` agents, validated actions and per-seat redacted observations).
 */
import { BattleStreams, Dex, PRNG, Teams } from '@pkmn/sim';
// RandomPlayerAI is not in @pkmn/sim's export map; import the file itself.
import { RandomPlayerAI } from '../node_modules/@pkmn/sim/build/esm/sim/tools/random-player-ai.mjs';
import { parseConfig, playMatch, Rng } from '../games/core/index.ts';
import { vgc } from '../games/vgc/index.ts';
import { instantiate, resolveAgents } from '../agents/registry.ts';
import type { Bench, BenchContext } from './harness.ts';

const SECONDS = Number(process.env.VGC_BENCH_SECONDS ?? 8);

// ---- reference: @pkmn/sim ---------------------------------------------------------------------

let generatorReady = false;
function installTeamGenerator(): void {
  if (generatorReady) return;
  const dex = Dex.forGen(9);
  const learnsets = (dex.data as unknown as { Learnsets: Record<string, { learnset?: Record<string, string[]> }> }).Learnsets;
  const pool: { name: string; ability: string; moves: string[] }[] = [];
  for (const s of dex.species.all()) {
    if (s.isNonstandard || s.nfe || s.num <= 0 || s.battleOnly || s.requiredItem || s.requiredItems) continue;
    const ls = learnsets[s.id]?.learnset ?? learnsets[dex.species.get(s.baseSpecies).id]?.learnset;
    if (!ls) continue;
    const moves = Object.keys(ls).filter((m) => ls[m]!.some((src) => src.startsWith('9')) && !dex.moves.get(m).isNonstandard);
    if (moves.length >= 4) pool.push({ name: s.name, ability: s.abilities[0], moves });
  }
  const stats = { hp: 84, atk: 84, def: 84, spa: 84, spd: 84, spe: 84 };
  const ivs = { hp: 31, atk: 31, def: 31, spa: 31, spd: 31, spe: 31 };
  Teams.setGeneratorFactory({
    getTeamGenerator(_format: unknown, seed: unknown) {
      const prng = new PRNG((seed ?? undefined) as never);
      return {
        getTeam() {
          const picked = new Set<number>();
          const sets = [];
          while (sets.length < 6) {
            const i = prng.random(pool.length);
            if (picked.has(i)) continue;
            picked.add(i);
            const sp = pool[i]!;
            const ms = [...sp.moves];
            const moves: string[] = [];
            while (moves.length < 4) moves.push(ms.splice(prng.random(ms.length), 1)[0]!);
            sets.push({ name: sp.name, species: sp.name, ability: sp.ability, item: '', moves, nature: 'Hardy', evs: stats, ivs, level: 80, gender: '' });
          }
          return sets;
        },
        setSeed() {},
      };
    },
  } as never);
  generatorReady = true;
}

async function showdownBattle(seed: number): Promise<number> {
  const streams = BattleStreams.getPlayerStreams(new BattleStreams.BattleStream());
  // (start() comes from BattlePlayer, whose type the .d.mts of this deep import does not carry.)
  const p1 = new RandomPlayerAI(streams.p1, { seed: [seed, 1, 2, 3] as never }) as unknown as { start(): Promise<void> };
  const p2 = new RandomPlayerAI(streams.p2, { seed: [seed, 4, 5, 6] as never }) as unknown as { start(): Promise<void> };
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
  void streams.omniscient.write(`>start {"formatid":"gen9randomdoublesbattle","seed":[${seed},7,8,9]}\n>player p1 {"name":"A"}\n>player p2 {"name":"B"}`);
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
  const ref = tally(), eng = tally(), run = tally();
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
      ctx.report({ name: 'vgc engine loop: battles/s', value: eng.battles, unit: 'battles/s', ...base, baselineValue: ref.battles, ratio: eng.battles / ref.battles, goal: '>= 50x' });
      ctx.report({ name: 'vgc engine loop: turns/s', value: eng.turns, unit: 'turns/s', ...base, baselineValue: ref.turns, ratio: eng.turns / ref.turns });
      ctx.report({ name: 'vgc playMatch (validated, observed): battles/s', value: run.battles, unit: 'battles/s', ...base, baselineValue: ref.battles, ratio: run.battles / ref.battles });
      ctx.report({ name: 'vgc playMatch (validated, observed): turns/s', value: run.turns, unit: 'turns/s', ...base, baselineValue: ref.turns, ratio: run.turns / ref.turns });
    },
  },
];

export default benches;
