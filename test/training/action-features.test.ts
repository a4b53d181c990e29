import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../games/core/rng.ts';
import { GameError } from '../../games/core/errors.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { playMatch } from '../../games/core/runner.ts';
import { getGame } from '../../games/index.ts';
import { MOVES } from '../../games/vgc/data/moves.ts';
import { SLOT_CODES } from '../../games/vgc/actions.ts';
import type { VgcObs } from '../../games/vgc/view.ts';
import { paramLayout } from '../../agents/policy/architecture.ts';
import { selectBackend } from '../../agents/policy/backend.ts';
import { checkpointAgent, makeCheckpoint, parseCheckpoint } from '../../agents/policy/checkpoint.ts';
import { actionFeatureArchitecture, inputEncoder } from '../../agents/policy/encoders.ts';
import { PlainPolicy } from '../../agents/policy/forward.ts';
import { initParams } from '../../agents/policy/params.ts';
import { TfPolicy } from '../../agents/policy/tf-policy.ts';
import { getAgent, instantiate } from '../../agents/registry.ts';
import {
  ACTION_FEATURES,
  FEATURE_SIZE,
  FLAGS_OFFSET,
  SLOTS_OFFSET,
  damageOutlook,
  encodeFeatures,
} from '../../agents/vgc/features.ts';
import { readField } from '../../agents/vgc/context.ts';
import { foeDamage } from '../../agents/vgc/max-damage.ts';
import { tinyGame } from '../support/tiny-game.ts';
import { actInfo } from '../../agents/train/rollout.ts';

before(async () => {
  await selectBackend({ log: null });
});

const game = getGame('vgc');
const config = parseConfig(game, {});

/** Observations of both seats along a few heuristic-vs-max-damage battles. */
function observations(battles: number, seed: number): { obs: VgcObs; state: any; seat: number }[] {
  const out: { obs: VgcObs; state: any; seat: number }[] = [];
  const specs = [getAgent('vgc', 'heuristic'), getAgent('vgc', 'max-damage')];
  for (let b = 0; b < battles; b++) {
    let state = game.init(config, seed + b);
    const ctrls = specs.map((s, seat) => s.create({ game, config, seat, rng: Rng.seeded(seed * 100 + b * 2 + seat) }));
    let step = 0;
    while (!game.isTerminal(state)) {
      const joint: unknown[] = [undefined, undefined];
      for (const seat of game.toAct(state)) {
        const obs = game.observe(state, seat) as VgcObs;
        out.push({ obs, state, seat });
        joint[seat] = ctrls[seat]!.act(obs, actInfo(game, state, seat, step));
      }
      state = game.step(state, joint).state;
      step++;
    }
  }
  return out;
}

const row = (v: Float32Array, slot: number, code: number) =>
  v.subarray(
    SLOTS_OFFSET + (slot * SLOT_CODES + code) * ACTION_FEATURES,
    SLOTS_OFFSET + (slot * SLOT_CODES + code + 1) * ACTION_FEATURES,
  );

describe('VGC-lite action features', () => {
  const samples = observations(4, 31);

  it("describe exactly the slot codes that can be legal, and only from the seat's view", () => {
    let checked = 0;
    for (const { obs, state, seat } of samples) {
      if (obs.phase !== 'move') continue;
      const v = encodeFeatures(obs);
      assert.equal(v.length, FEATURE_SIZE);
      assert.equal(v[FLAGS_OFFSET + 1], 1);
      const mask = game.mask(state, seat);
      for (let i = 0; i < mask.length; i++) {
        if (!mask[i]) continue;
        // Every legal joint action has a described code in each slot.
        assert.equal(row(v, 0, Math.floor(i / SLOT_CODES))[0], 1, `slot a code of legal action ${i}`);
        assert.equal(row(v, 1, i % SLOT_CODES)[0], 1, `slot b code of legal action ${i}`);
      }
      checked++;
    }
    assert.ok(checked > 10);
  });

  it("carry the engine's damage: effectiveness, expected damage share, KO chance, and max-damage's own numbers", () => {
    let attacks = 0;
    for (const { obs, seat } of samples) {
      if (obs.phase !== 'move') continue;
      const v = encodeFeatures(obs);
      const field = readField(obs, seat);
      for (let slot = 0; slot < 2; slot++) {
        const me = field.mine[slot];
        if (!me) continue;
        for (let m = 0; m < 4; m++) {
          const mv = MOVES[me.moves[m]!]!;
          if (mv.target !== 'normal' || mv.category === 'status') continue;
          for (let t = 0; t < 2; t++) {
            const foe = field.foes[t];
            if (!foe) continue;
            const r = row(v, slot, m * 3 + t);
            const { expected, koChance } = damageOutlook(me, mv, foe, false);
            assert.ok(Math.abs(r[9]! - Math.min(1, expected / foe.hp)) < 1e-5);
            assert.ok(r[11]! >= 0 && r[11]! <= 1 && Math.abs(r[11]! - koChance) < 1e-6);
            if (expected >= foe.hp * 1.2 && mv.accuracy === 100)
              assert.ok(r[11]! > 0.5, 'a hit that surely overkills is a likely KO');
            // max-damage's criterion (mean roll 92 %) and the feature (mean of the 16 rolls) agree to a few percent.
            const md = foeDamage(field, slot, { move: m + 1, target: t === 0 ? 'foe1' : 'foe2' });
            assert.ok(Math.abs(r[10]! * 100 - md) <= 0.03 * md + 1, `hp removed ${r[10]! * 100} vs max-damage ${md}`);
            attacks++;
          }
        }
      }
    }
    assert.ok(attacks > 20);
  });

  it('preview choices carry their matchup features, and the flag says preview', () => {
    const pre = samples.find((s) => s.obs.phase === 'preview')!;
    const v = encodeFeatures(pre.obs);
    assert.equal(v[FLAGS_OFFSET], 1);
    assert.ok(v.subarray(FEATURE_SIZE - 90 * 4).some((x) => x !== 0));
  });
});

describe('action-feature network', () => {
  const arch = actionFeatureArchitecture('vgc-features-v1', game.actionSpace(config), {
    hidden: [32, 16],
    actionHidden: 8,
  });

  it('plain-array forward pass matches the tfjs graph to 1e-4 on real observations (preview, move, switch)', () => {
    const rng = Rng.seeded(3);
    const params = Float32Array.from({ length: paramLayout(arch).total }, () => 0.4 * rng.normal());
    const l = paramLayout(arch);
    // A real normaliser on the state, identity on the raw tail (as training leaves it).
    params.fill(0, l.obsMean.offset, l.obsMean.offset + l.obsMean.length);
    params.fill(1, l.obsStd.offset, l.obsStd.offset + l.obsStd.length);
    const plain = new PlainPolicy(arch, params);
    const tfp = new TfPolicy(arch, params);
    const picked = observations(2, 7)
      .filter((_, i) => i % 3 === 0)
      .slice(0, 40);
    assert.ok(new Set(picked.map((s) => s.obs.phase)).size >= 2);
    const xs = new Float32Array(picked.length * arch.obsSize);
    picked.forEach((s, i) =>
      plain.normalize(encodeFeatures(s.obs), xs.subarray(i * arch.obsSize, (i + 1) * arch.obsSize)),
    );
    const x = tf.tensor2d(xs, [picked.length, arch.obsSize]);
    const head = tfp.head(x).dataSync();
    const value = tfp.value(x).dataSync();
    picked.forEach((s, i) => {
      const xi = xs.subarray(i * arch.obsSize, (i + 1) * arch.obsSize);
      const mask = game.mask(s.state, s.seat);
      const h = plain.head(xi);
      for (let a = 0; a < 289; a++)
        if (mask[a])
          assert.ok(
            Math.abs(h[a]! - head[i * 289 + a]!) < 1e-4,
            `logit ${a} (${s.obs.phase}): ${h[a]} vs ${head[i * 289 + a]}`,
          );
      assert.ok(Math.abs(plain.value(xi) - value[i]!) < 1e-4);
    });
    tfp.dispose();
  });

  it('writeTo/readFrom keep every weight (bias-free layers included)', () => {
    const a = initParams(arch, 5);
    for (let i = 0; i < a.length; i++) a[i] += 0.1 * Math.cos(i);
    const tfp = new TfPolicy(arch, a);
    const b = Float32Array.from(a);
    const l = paramLayout(arch);
    b.fill(0, l.obsStd.offset + l.obsStd.length);
    tfp.writeTo(b);
    assert.deepEqual(b, a);
    tfp.dispose();
  });

  it('a checkpoint of it plays VGC-lite through checkpointAgent, every action legal', () => {
    const rec = parseCheckpoint(
      JSON.parse(
        JSON.stringify(
          makeCheckpoint({
            id: 'af',
            name: 'af',
            game: 'vgc',
            config: config as any,
            architecture: arch,
            params: initParams(arch, 2),
            training: { algo: 'bc' },
          }),
        ),
      ),
    );
    const agent = checkpointAgent(rec);
    const r = playMatch(game, config, 5, instantiate(game, config, 5, [agent, getAgent('vgc', 'max-damage')]));
    assert.ok(r.result.winner !== undefined);
  });
});

describe('checkpoint formats', () => {
  it('an MLP checkpoint written before the action-feature format still loads and plays', () => {
    const rec = parseCheckpoint(
      JSON.parse(readFileSync(new URL('./fixtures/mlp-v1-tiny.json', import.meta.url), 'utf8')),
    );
    const config = tinyGame.configSchema.parse(rec.config);
    const r = playMatch(
      tinyGame,
      config,
      1,
      instantiate(tinyGame, config, 1, [checkpointAgent(rec), checkpointAgent(rec)]),
    );
    assert.equal(r.result.returns.length, 2);
  });

  it('an unknown architecture format or input encoder is refused with BAD_CONFIG', () => {
    const arch = actionFeatureArchitecture('vgc-features-v1', game.actionSpace(config), {
      hidden: [8],
      actionHidden: 4,
    });
    const rec = makeCheckpoint({
      id: 'x',
      name: 'x',
      game: 'vgc',
      config: config as any,
      architecture: arch,
      params: initParams(arch, 1),
      training: {},
    });
    const bad = (architecture: unknown) => () => parseCheckpoint({ ...rec, architecture });
    assert.throws(
      bad({ ...arch, format: 'ludus-mlp-v9' }),
      (e: unknown) => e instanceof GameError && e.code === 'BAD_CONFIG' && /unknown format/.test(e.message),
    );
    assert.throws(bad({ ...arch, actionHidden: 0 }), (e: unknown) => e instanceof GameError && e.code === 'BAD_CONFIG');
    assert.throws(
      () => inputEncoder({ ...arch, encoder: 'vgc-features-v0' }, game, config),
      (e: unknown) => e instanceof GameError && e.code === 'BAD_CONFIG' && /unknown/.test(e.message),
    );
    assert.throws(
      () => inputEncoder(arch, tinyGame as any, {}),
      (e: unknown) => e instanceof GameError && e.code === 'BAD_CONFIG',
    );
  });
});
