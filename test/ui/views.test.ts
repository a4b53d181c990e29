/**
 * server/api/views.ts: the replay frames the UI draws are the engine's own spectator views,
 * re-simulated from the stored action log.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getAgent } from '../../agents/registry.ts';
import { GameError } from '../../games/core/errors.ts';
import { parseConfig, replay, toJson } from '../../games/core/kernel.ts';
import { agentSeed, playMatch } from '../../games/core/runner.ts';
import { Rng } from '../../games/core/rng.ts';
import { getGame } from '../../games/index.ts';
import { spectatorFrames } from '../../server/api/views.ts';

function play(gameId: string, agents: string[], config: unknown, seed: number) {
  const game = getGame(gameId);
  const cfg = parseConfig(game, config);
  const seats = agents.map((id, seat) =>
    getAgent(gameId, id).create({ game, config: cfg, seat, rng: Rng.seeded(agentSeed(seed, seat)) }),
  );
  return playMatch(game, config, seed, seats);
}

describe('spectatorFrames', () => {
  it('gives one frame per step plus the start, each the spectator view after that many steps', () => {
    const rec = play('ipd', ['tft', 'alld'], { turns: 7 }, 11);
    const game = getGame('ipd');
    const frames = spectatorFrames(game, rec.replay);
    assert.equal(frames.length, 8);
    assert.deepEqual(
      frames.map((f) => f.step),
      [0, 1, 2, 3, 4, 5, 6, 7],
    );
    assert.equal(frames[0]!.actions, null);
    for (let k = 0; k <= 7; k++) {
      const prefix = { ...rec.replay, actions: rec.replay.actions.slice(0, k), finalHash: undefined };
      assert.deepEqual(
        frames[k]!.observation,
        toJson(game.observe(replay(game, prefix).state, 'spectator')),
        `frame ${k}`,
      );
      if (k > 0) assert.deepEqual(frames[k]!.actions, rec.replay.actions[k - 1]);
    }
    // Frames are copies: later steps do not rewrite earlier frames (dilemma views share arrays with the state).
    assert.equal((frames[3]!.observation as { myMoves: unknown[] }).myMoves.length, 3);
  });

  it('carries only public events (sumo contact/end events appear, nothing addressed to one seat)', () => {
    const rec = play('sumo', ['rusher', 'rusher'], {}, 3);
    const frames = spectatorFrames(getGame('sumo'), rec.replay);
    const types = new Set(frames.flatMap((f) => f.events.map((e) => (e as { type: string }).type)));
    assert.ok(types.has('end'), `events seen: ${[...types].join(', ')}`);
    for (const f of frames) for (const e of f.events) assert.equal((e as { visibleTo?: unknown }).visibleTo, undefined);
  });

  it('hides per-seat events of public goods with punishment (who punished whom)', () => {
    const game = getGame('public-goods');
    const cfg = { players: 3, rounds: 3, punishment: true };
    const rec = play('public-goods', ['punisher', 'free-rider', 'half'], cfg, 5);
    const frames = spectatorFrames(game, rec.replay);
    const types = frames.flatMap((f) => f.events.map((e) => (e as { type: string }).type));
    assert.ok(types.includes('punishment-received'), 'the public totals of the punishment stage are there');
    assert.ok(!types.includes('punishment-given'), 'who punished whom is not');
  });

  it('thins long matches to the frame budget and always keeps the first and last steps', () => {
    const rec = play('sumo', ['rusher', 'edge'], {}, 9);
    const n = rec.replay.actions.length;
    assert.ok(n > 20, `a sumo match lasts ${n} steps`);
    const frames = spectatorFrames(getGame('sumo'), rec.replay, 10);
    assert.ok(frames.length <= 11, `${frames.length} frames`);
    assert.equal(frames[0]!.step, 0);
    assert.equal(frames[frames.length - 1]!.step, n);
    const full = spectatorFrames(getGame('sumo'), rec.replay);
    assert.deepEqual(frames[frames.length - 1]!.observation, full[full.length - 1]!.observation);
  });

  it('rejects a tampered action log with the typed error of the kernel', () => {
    const rec = play('ipd', ['tft', 'tft'], { turns: 3 }, 1);
    const bad = { ...rec.replay, actions: [['C', 'X']] };
    assert.throws(
      () => spectatorFrames(getGame('ipd'), bad),
      (e: unknown) => e instanceof GameError && e.code === 'SCHEMA',
    );
  });
});
