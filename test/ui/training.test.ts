/**
 * The checkpoint agent page's reading of training metadata, without a browser: the lineage walk
 * (cycles, parents the arena never received), env steps carried over a resume, one chart series per
 * evaluation opponent (league `vsMain` included), and the chart's tick texts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckpointSummary } from '../../arena-ui/src/api.ts';
import { tickText } from '../../arena-ui/src/chart.ts';
import { evalSeries, lineage, lineageSteps, readTraining } from '../../arena-ui/src/training.ts';

const ck = (id: string, parent: string | null, training: unknown = {}): CheckpointSummary => ({
  id,
  name: `name-${id}`,
  game: 'ipd',
  config: {},
  architecture: {},
  training: training as CheckpointSummary['training'],
  parent,
  createdAt: '2025-01-01T00:00:00.000Z',
  agentId: `agent-${id}`,
});

describe('checkpoint lineage and training scores', () => {
  it('walks parents oldest first and stops at a missing parent or a cycle', () => {
    const a = ck('a', null);
    const b = ck('b', 'a');
    const c = ck('c', 'b');
    assert.deepEqual(
      lineage(c, [c, a, b]).chain.map((x) => x.id),
      ['a', 'b', 'c'],
    );
    assert.deepEqual(lineage(a, [a, b, c]), { chain: [a] });

    const orphan = ck('o', 'gone');
    assert.deepEqual(lineage(orphan, [orphan]), { chain: [orphan], missing: 'gone' });

    const x = ck('x', 'z');
    const y = ck('y', 'x');
    const z = ck('z', 'y');
    const loop = lineage(z, [x, y, z]);
    assert.deepEqual(
      loop.chain.map((k) => k.id),
      ['x', 'y', 'z'],
    );
    assert.equal(loop.cycle, 'z');
    const self = ck('s', 's');
    assert.deepEqual(lineage(self, [self]), { chain: [self], cycle: 's' });
  });

  it('carries env steps over a resume, where the counter starts again at 0', () => {
    const chain = [
      ck('a', null, { envSteps: 1000 }),
      ck('b', 'a', { envSteps: 2000 }),
      ck('c', 'b', { envSteps: 500 }),
      ck('d', 'c', {}),
      ck('e', 'd', { envSteps: 800 }),
    ];
    assert.deepEqual(lineageSteps(chain), [1000, 2000, 2500, undefined, 2800]);
  });

  it('reads free-form training JSON defensively', () => {
    assert.deepEqual(readTraining(null), {
      algo: undefined,
      role: undefined,
      seed: undefined,
      iterations: undefined,
      envSteps: undefined,
      seconds: undefined,
      player: undefined,
      hyper: undefined,
      eval: [],
    });
    const t = readTraining({
      algo: 'ppo',
      seed: 3,
      envSteps: '12',
      eval: [{ opponent: 'tft', score: 0.5, low: 0.4, high: 0.6 }, { opponent: 'x' }, 7, null],
    });
    assert.equal(t.algo, 'ppo');
    assert.equal(t.envSteps, undefined);
    assert.deepEqual(t.eval, [{ opponent: 'tft', score: 0.5, low: 0.4, high: 0.6 }]);
  });

  it('draws one series per opponent with a point per evaluated snapshot, league vsMain as its own series', () => {
    const chain = [
      ck('a', null, { envSteps: 100, eval: [] }),
      ck('b', 'a', { envSteps: 200, eval: [{ opponent: 'tft', score: 0.25, low: 0.1, high: 0.4 }] }),
      ck('c', 'b', {
        envSteps: 300,
        eval: [
          { opponent: 'tft', score: 0.5 },
          { opponent: 'alld', score: 0.75, low: 0.6, high: 0.9 },
        ],
        vsMain: { opponent: 'main-0', score: 0.3, low: 0.2, high: 0.4, matches: 20 },
      }),
      ck('d', 'c', { eval: [{ opponent: 'tft', score: 1 }] }), // no step count: left out
    ];
    const series = evalSeries(chain);
    assert.deepEqual(
      series.map((s) => [s.name, s.points.map((p) => [p.x, p.y, p.low, p.high])]),
      [
        [
          'tft',
          [
            [200, 0.25, 0.1, 0.4],
            [300, 0.5, undefined, undefined],
          ],
        ],
        ['alld', [[300, 0.75, 0.6, 0.9]]],
        ['main-0 (vs main)', [[300, 0.3, 0.2, 0.4]]],
      ],
    );
    assert.equal(series[0]!.points[0]!.label, 'tft — name-b at 200 env steps: score 0.25 (95% interval 0.10–0.40)');
    assert.equal(
      series[2]!.points[0]!.label,
      'main-0 (vs main) — name-c at 300 env steps: score 0.30 (95% interval 0.20–0.40), 20 matches',
    );
    assert.deepEqual(evalSeries([ck('a', null, { envSteps: 10 })]), []);
  });

  it('writes ticks as before for ratings and counts, shortens big counts, and gives fractions their decimals', () => {
    assert.deepEqual(
      [1500, 1520, 0, 9000].map((v) => tickText(v, 20)),
      ['1500', '1520', '0', '9000'],
    );
    assert.deepEqual(
      [10_000, 12_500, 250_000, 1_000_000, 1_500_000, 20_000_000].map((v) => tickText(v, 500)),
      ['10k', '12.5k', '250k', '1M', '1.5M', '20M'],
    );
    assert.deepEqual(
      [0, 0.2, 0.4, 0.6000000000000001, 1].map((v) => tickText(v, 0.2)),
      ['0.0', '0.2', '0.4', '0.6', '1.0'],
    );
    assert.deepEqual(
      [0.05, 0.1].map((v) => tickText(v, 0.05)),
      ['0.05', '0.10'],
    );
  });
});
