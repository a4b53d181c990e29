import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng } from '../../games/core/rng.ts';
import { pfsp, sampleWeighted } from '../../agents/train/pfsp.ts';
import { PayoffTable } from '../../agents/train/payoff.ts';
import {
  chooseMatch,
  leagueExploiterMatch,
  mainAgentMatch,
  mainExploiterMatch,
  readyToSnapshot,
  removeMonotonicSuffix,
  resetsAfterSnapshot,
  snapshotTargets,
  type LeaguePlayer,
  type LeagueView,
} from '../../agents/train/roles.ts';

const close = (a: readonly number[], b: readonly number[]) => {
  assert.equal(a.length, b.length);
  a.forEach((x, i) => assert.ok(Math.abs(x - b[i]!) < 1e-12, `${a} vs ${b}`));
};

describe('PFSP weightings (AlphaStar)', () => {
  const x = [0.2, 0.5, 0.9];
  it('squared: (1 − x)²', () =>
    close(
      pfsp(x, 'squared'),
      [0.64, 0.25, 0.01].map((w) => w / 0.9),
    ));
  it('variance: x(1 − x)', () =>
    close(
      pfsp(x, 'variance'),
      [0.16, 0.25, 0.09].map((w) => w / 0.5),
    ));
  it('linear: 1 − x', () =>
    close(
      pfsp(x, 'linear'),
      [0.8, 0.5, 0.1].map((w) => w / 1.4),
    ));
  it('linear_capped: min(0.5, 1 − x)', () =>
    close(
      pfsp(x, 'linear_capped'),
      [0.5, 0.5, 0.1].map((w) => w / 1.1),
    ));
  it('falls back to uniform when the weights sum below 1e-10', () => {
    close(pfsp([1, 1, 1], 'squared'), [1 / 3, 1 / 3, 1 / 3]);
    close(pfsp([0, 1], 'variance'), [0.5, 0.5]);
  });
  it('sampling follows the probabilities and never picks a zero-weight opponent', () => {
    const rng = Rng.seeded(1);
    const counts = [0, 0, 0];
    for (let i = 0; i < 20000; i++) counts[sampleWeighted([0.2, 0, 0.8], rng)]!++;
    assert.equal(counts[1], 0);
    assert.ok(Math.abs(counts[2]! / 20000 - 0.8) < 0.02);
  });
});

describe('payoff table', () => {
  it('an unplayed pair has win rate 0.5', () => assert.equal(new PayoffTable().winRate('a', 'b'), 0.5));
  it('a draw counts as half a win', () => {
    const p = new PayoffTable();
    p.update('a', 'b', 'draw');
    assert.equal(p.winRate('a', 'b'), 0.5);
    p.update('a', 'b', 'win');
    assert.equal(p.winRate('a', 'b'), (1 + 0.5 * 0.99) / (1 + 0.99));
  });
  it('is recorded from both sides', () => {
    const p = new PayoffTable();
    p.update('a', 'b', 'win');
    assert.equal(p.winRate('a', 'b'), 1);
    assert.equal(p.winRate('b', 'a'), 0);
  });
  it('decays older counts by ×0.99 at every update of the pair', () => {
    const p = new PayoffTable();
    p.update('a', 'b', 'loss');
    p.update('a', 'b', 'win');
    p.update('a', 'b', 'win');
    const s = p.stats('a', 'b');
    assert.ok(Math.abs(s.games - (0.99 * 0.99 + 0.99 + 1)) < 1e-12);
    assert.ok(Math.abs(s.losses - 0.99 * 0.99) < 1e-12);
    assert.ok(Math.abs(s.wins - (0.99 + 1)) < 1e-12);
    // Other pairs are untouched.
    p.update('a', 'c', 'win');
    assert.ok(Math.abs(p.stats('a', 'b').games - s.games) < 1e-12);
  });
});

/** A league with explicit win rates, for the role rules. */
function league(players: LeaguePlayer[], rates: Record<string, number>): LeagueView {
  return { players, winRate: (a, b) => rates[`${a}>${b}`] ?? 0.5 };
}
const MAIN: LeaguePlayer = { id: 'main', kind: 'main' };
const MX: LeaguePlayer = { id: 'mx', kind: 'main-exploiter' };
const LX: LeaguePlayer = { id: 'lx', kind: 'league-exploiter' };
const hist = (id: string, parent: string): LeaguePlayer => ({ id, kind: 'historical', parent });

describe('main agent matchmaking', () => {
  const players = [MAIN, MX, LX, hist('main-1', 'main'), hist('main-2', 'main'), hist('mx-1', 'mx')];
  it('coin < 0.5: PFSP(squared) over all snapshots', () => {
    const v = league(players, { 'main>main-1': 0.9, 'main>main-2': 0.6, 'main>mx-1': 0.2 });
    const c = mainAgentMatch('main', v, 0.49, 'main');
    assert.equal(c.branch, 'pfsp');
    assert.deepEqual(c.candidates, ['main-1', 'main-2', 'mx-1']);
    close(c.probs, pfsp([0.9, 0.6, 0.2], 'squared'));
  });
  it('coin in [0.5, 0.65): checks main exploiters that beat it (win rate < 0.3) first', () => {
    const v = league(players, { 'main>mx-1': 0.25 });
    const c = mainAgentMatch('main', v, 0.6, 'main');
    assert.equal(c.branch, 'verify-exploiters');
    assert.deepEqual(c.candidates, ['mx-1']);
  });
  it('coin in [0.5, 0.65): then forgotten snapshots (min win rate < 0.7 after the monotonic suffix)', () => {
    const v = league(players, { 'main>mx-1': 0.8, 'main>main-1': 0.5, 'main>main-2': 0.9 });
    const c = mainAgentMatch('main', v, 0.6, 'main');
    assert.equal(c.branch, 'verify-forgetting');
    assert.deepEqual(c.candidates, ['main-1', 'main-2']);
    close(c.probs, pfsp([0.5, 0.9], 'squared'));
  });
  it('coin in [0.5, 0.65) with nothing to verify: self-play', () => {
    const v = league(players, { 'main>mx-1': 0.8, 'main>main-1': 0.9, 'main>main-2': 0.8 });
    assert.equal(mainAgentMatch('main', v, 0.6, 'main').branch, 'self-play');
  });
  it('coin ≥ 0.65: self-play while its win rate is above 0.3', () => {
    const c = mainAgentMatch('main', league(players, { 'main>main': 0.31 }), 0.7, 'main');
    assert.deepEqual([c.branch, c.candidates, c.frozen], ['self-play', ['main'], false]);
  });
  it('coin ≥ 0.65 and win rate ≤ 0.3: PFSP(variance) over the opponent’s snapshots', () => {
    const v = league(players, { 'main>main': 0.3, 'main>main-1': 0.4, 'main>main-2': 0.7 });
    const c = mainAgentMatch('main', v, 0.7, 'main');
    assert.equal(c.branch, 'self-play-curriculum');
    assert.deepEqual(c.candidates, ['main-1', 'main-2']);
    close(c.probs, pfsp([0.4, 0.7], 'variance'));
  });
  it('remove_monotonic_suffix drops the trailing run of falling win rates', () => {
    assert.deepEqual(removeMonotonicSuffix([0.9, 0.8, 0.6], ['a', 'b', 'c']), { winRates: [], players: [] });
    assert.deepEqual(removeMonotonicSuffix([0.5, 0.9, 0.8], ['a', 'b', 'c']), {
      winRates: [0.5, 0.9],
      players: ['a', 'b'],
    });
    assert.deepEqual(removeMonotonicSuffix([], []), { winRates: [], players: [] });
  });
});

describe('exploiters', () => {
  const players = [MAIN, MX, LX, hist('main-1', 'main'), hist('main-2', 'main'), hist('lx-1', 'lx')];
  it('main exploiter plays the main agent while its win rate there is above 0.1', () => {
    const c = mainExploiterMatch('mx', league(players, { 'mx>main': 0.11 }), 'main');
    assert.deepEqual([c.branch, c.candidates], ['exploit-main', ['main']]);
  });
  it('main exploiter falls back to PFSP(variance) over the main agent’s snapshots at ≤ 0.1', () => {
    const v = league(players, { 'mx>main': 0.1, 'mx>main-1': 0.3, 'mx>main-2': 0.05 });
    const c = mainExploiterMatch('mx', v, 'main');
    assert.equal(c.branch, 'exploit-curriculum');
    assert.deepEqual(c.candidates, ['main-1', 'main-2']);
    close(c.probs, pfsp([0.3, 0.05], 'variance'));
  });
  it('league exploiter: PFSP(linear_capped) over every snapshot', () => {
    const v = league(players, { 'lx>main-1': 0.1, 'lx>main-2': 0.8 });
    const c = leagueExploiterMatch('lx', v);
    assert.deepEqual(c.candidates, ['main-1', 'main-2', 'lx-1']);
    close(c.probs, pfsp([0.1, 0.8, 0.5], 'linear_capped'));
  });
  it('chooseMatch draws only among the rule’s candidates', () => {
    const v = league(players, {});
    const rng = Rng.seeded(3);
    for (let i = 0; i < 200; i++) {
      assert.ok(['main-1', 'main-2', 'lx-1'].includes(chooseMatch(LX, v, rng).opponent));
      assert.ok(['main', 'main-1', 'main-2', 'lx-1'].includes(chooseMatch(MAIN, v, rng).opponent));
    }
  });
});

describe('snapshot and reset rules', () => {
  it('no snapshot before the minimum number of steps, whatever the win rates', () => {
    assert.equal(readyToSnapshot(999, 1000, [1, 1]), false);
  });
  it('after the minimum: snapshot when the minimum win rate against targets exceeds 0.7', () => {
    assert.equal(readyToSnapshot(1000, 1000, [0.71, 0.9]), true);
    assert.equal(readyToSnapshot(1000, 1000, [0.7, 0.9]), false);
  });
  it('or when more than twice the minimum steps have passed', () => {
    assert.equal(readyToSnapshot(2000, 1000, [0.1]), false);
    assert.equal(readyToSnapshot(2001, 1000, [0.1]), true);
  });
  it('targets: main exploiters against main agents, others against all snapshots', () => {
    const v = league([MAIN, MX, hist('main-1', 'main')], {});
    assert.deepEqual(snapshotTargets(MX, v), ['main']);
    assert.deepEqual(snapshotTargets(MAIN, v), ['main-1']);
  });
  it('main exploiters always reset, league exploiters with probability 0.25, main agents never', () => {
    assert.equal(resetsAfterSnapshot('main-exploiter', 0.99), true);
    assert.equal(resetsAfterSnapshot('league-exploiter', 0.249), true);
    assert.equal(resetsAfterSnapshot('league-exploiter', 0.25), false);
    assert.equal(resetsAfterSnapshot('main', 0), false);
  });
});
