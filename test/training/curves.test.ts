/**
 * Training curves: the CSV/JSON writer, the status-line sparkline and the terminal chart drawn at the
 * end of `ludus train` / `ludus league`.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { chartColumns, CurveWriter, sparkline } from '../../agents/train/curves.ts';

describe('training curves', () => {
  it('CSV and JSON hold the same rows; NaN is an empty CSV cell and strings are quoted when needed', () => {
    const w = new CurveWriter(mkdtempSync(join(tmpdir(), 'ludus-curve-')), 'r');
    w.add({ iteration: 1, env_steps: 100, score_vs_tft: NaN, note: 'a,b' });
    w.add({ iteration: 2, env_steps: 200, score_vs_tft: 0.25, note: 'c' });
    assert.equal(
      readFileSync(w.csvPath, 'utf8'),
      'iteration,env_steps,score_vs_tft,note\n1,100,,"a,b"\n2,200,0.25,c\n',
    );
    assert.equal(JSON.parse(readFileSync(w.jsonPath, 'utf8')).length, 2);
  });

  it('the sparkline maps [lo, hi] onto eight blocks and shows NaN as a space', () => {
    assert.equal(sparkline([0, 0.5, 1, NaN]), '▁▅█ ');
  });

  it('the chart spans the rows that have values, repeats the last value over gaps, and labels the x range', () => {
    const rows = [
      { env_steps: 1000, score_vs_a: 0, score_vs_b: 0.25 },
      { env_steps: 2000, score_vs_a: NaN, score_vs_b: NaN },
      { env_steps: 3000, score_vs_a: 1, score_vs_b: 0.5 },
    ];
    const text = chartColumns(rows, ['score_vs_a'], 'score', { min: 0, max: 1, height: 4, colour: false })!;
    assert.match(text.split('\n')[0]!, /^score \(env steps 1,000 → 3,000\)$/);
    assert.equal(text.split('\n').length, 1 + 5, 'a title and height + 1 rows');
    assert.match(text, /1\.00 ┼.*╭/);
    // Without colours, two series are drawn as two charts (they could not be told apart).
    const two = chartColumns(rows, ['score_vs_a', 'score_vs_b'], 'score', {
      min: 0,
      max: 1,
      height: 4,
      colour: false,
    })!;
    assert.equal(two.split('\n').filter((l) => l.startsWith('score')).length, 2);
    assert.equal(chartColumns(rows.slice(0, 1), ['score_vs_a'], 'score'), null, 'one point is not a curve');
  });
});
