/**
 * Baseline ordering on a small sample (docs/results.md has the 1000-episode figures):
 * edge-aware beats rusher, rusher beats random. Seats rotate; every action is validated.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { headToHead } from '../../agents/eval/head-to-head.ts';
import { getAgent } from '../../agents/registry.ts';
import { sumo } from '../../games/sumo/index.ts';

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
