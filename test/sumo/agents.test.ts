/**
 * Baseline ordering on a small sample (docs/results.md has the 1000-episode figures):
 * edge-aware beats rusher, rusher beats random. Seats rotate; every action is validated.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { headToHead } from '../../agents/eval/head-to-head.ts';
import { getAgent } from '../../agents/registry.ts';
import { Rng } from '../../games/core/rng.ts';
import { sumo } from '../../games/sumo/index.ts';
import { body, config, sceneState } from './scene.ts';

function duel(a: string, b: string, matches: number, config: unknown = {}) {
  const h = headToHead(sumo, [getAgent('sumo', a), getAgent('sumo', b)], { matches, seed: 11, config });
  return { first: h.lines[0]!, second: h.lines[1]! };
}

describe('sumo baseline agents', () => {
  it('the registry offers random, rusher and edge for sumo', () => {
    for (const id of ['random', 'rusher', 'edge']) assert.equal(getAgent('sumo', id).id, id);
  });

  it('edge-aware beats rusher: more wins than losses, and a higher score', () => {
    const { first: edge } = duel('edge', 'rusher', 40);
    assert.ok(edge.wins > 3 * edge.losses, `edge W${edge.wins} L${edge.losses}`);
    assert.ok(edge.score.estimate > 0.6, `edge score ${edge.score.estimate}`);
  });

  it('rusher beats random, with the win interval above one half', () => {
    const { first: rusher } = duel('rusher', 'random', 40);
    assert.ok(rusher.score.low > 0.5, `rusher score ${JSON.stringify(rusher.score)}`);
    assert.ok(rusher.wins > rusher.losses);
  });

  it('the baselines also play the discrete variant (edge still beats rusher)', () => {
    const { first: edge } = duel('edge', 'rusher', 30, { actionMode: 'discrete' });
    assert.ok(edge.wins > edge.losses, `edge W${edge.wins} L${edge.losses}`);
  });
});

describe('sumo baseline behaviour', () => {
  const ctx = (seat: number) => ({ game: sumo, config: config(), seat, rng: Rng.seeded(1) });
  const info = { seat: 0, step: 0, legal: undefined, mask: () => new Uint8Array(9).fill(1) };

  it('rusher: facing the opponent, it drives straight at it at full thrust', () => {
    const s = sceneState(config(), 3, [body(-1, 0, 0), body(1, 0, Math.PI)]);
    const [thrust, turn] = getAgent('sumo', 'rusher').create(ctx(0)).act(sumo.observe(s, 0), info) as number[];
    assert.equal(thrust, 1);
    assert.equal(turn, 0);
  });

  it('edge: racing toward the edge, it stops pushing outward and turns back to the centre', () => {
    // Robot 0 is 0.4 m from the edge, facing out and moving out at 1.5 m/s; the opponent is far away.
    const s = sceneState(config(), 2.5, [body(2.1, 0, 0, { vx: 1.5 }), body(-1.5, 0, 0)]);
    const [thrust, turn] = getAgent('sumo', 'edge').create(ctx(0)).act(sumo.observe(s, 0), info) as number[];
    assert.ok(thrust! <= 0, `thrust ${thrust} must not push on`);
    assert.equal(Math.abs(turn!), 1, 'turns round as fast as it can');
  });

  it('edge: sliding out of a small ring with the centre close behind, it brakes in reverse', () => {
    const s = sceneState(config(), 1.5, [body(0.9, 0, 0, { vx: 1.5 }), body(-0.9, 0, 0)]);
    const [thrust] = getAgent('sumo', 'edge').create(ctx(0)).act(sumo.observe(s, 0), info) as number[];
    assert.equal(thrust, -1);
  });

  it('edge: an opponent between it and the centre is not pushed head-on; it goes round to the centre side', () => {
    // Robot 0 at the rim, the opponent nearer the centre on the same ray: pushing would be inward.
    const s = sceneState(config(), 3, [body(2, 0, Math.PI), body(1, 0, 0)]);
    const e = sumo.observe(s, 0).ego!;
    const [, turn] = getAgent('sumo', 'edge').create(ctx(0)).act(sumo.observe(s, 0), info) as number[];
    assert.ok(Math.abs(e.opponent[1]) < 1e-9, 'the opponent is dead ahead');
    assert.notEqual(turn, 0, 'it steers off the direct line');
  });
});
