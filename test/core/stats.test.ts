import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { meanInterval, median, wilson } from '../../agents/eval/stats.ts';

describe('stats', () => {
  it('Wilson interval matches a worked value (Newcombe 1998: 81/263 → 0.2553–0.3662)', () => {
    const iv = wilson(81, 263);
    assert.ok(Math.abs(iv.low - 0.2553) < 5e-4, String(iv.low));
    assert.ok(Math.abs(iv.high - 0.3662) < 5e-4, String(iv.high));
  });
  it('Wilson interval stays inside [0, 1] at the extremes', () => {
    assert.equal(wilson(0, 10).low, 0);
    assert.equal(wilson(10, 10).high, 1);
  });
  it('median of even and odd lists', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 2, 3]), 2.5);
  });
  it('mean interval shrinks with n', () => {
    const a = meanInterval([1, 2, 3, 4]);
    const b = meanInterval([1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4]);
    assert.equal(a.estimate, 2.5);
    assert.ok(b.high - b.low < a.high - a.low);
  });
});
