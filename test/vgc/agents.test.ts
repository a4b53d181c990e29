/**
 * The baseline ordering heuristic > max-damage > random, on a small sample (the 1000-battle figures
 * are in docs/results.md). Each pairing must have a 95 % Wilson interval for the score that lies
 * entirely above 0.5. Seats rotate every match; seeds are fixed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { headToHead } from '../../agents/eval/head-to-head.ts';
import { resolveAgents } from '../../agents/registry.ts';
import { vgc } from '../../games/vgc/index.ts';

function score(agents: string, matches: number) {
  const h = headToHead(vgc, resolveAgents('vgc', agents), { matches, seed: 7 });
  return h.lines[0]!.score;
}

describe('vgc baseline agents', () => {
  it('max-damage beats random (95% CI above 0.5)', () => {
    const s = score('max-damage,random', 40);
    assert.ok(s.low > 0.5, `max-damage vs random: ${JSON.stringify(s)}`);
  });
  it('heuristic beats random (95% CI above 0.5)', () => {
    const s = score('heuristic,random', 40);
    assert.ok(s.low > 0.5, `heuristic vs random: ${JSON.stringify(s)}`);
  });
  it('heuristic beats max-damage (95% CI above 0.5)', () => {
    const s = score('heuristic,max-damage', 160);
    assert.ok(s.low > 0.5, `heuristic vs max-damage: ${JSON.stringify(s)}`);
  });
});
