/** Baseline public goods agents: they play both games at every group size, and behave as described. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { playMatch } from '../../games/core/index.ts';
import { getGame } from '../../games/index.ts';
import { agentsFor, getAgent, instantiate } from '../../agents/registry.ts';
import { PUBLIC_GOODS_AGENTS } from '../../agents/public-goods/index.ts';

const ids = (game: string) => agentsFor(game).map((a) => a.id);

function play(gameId: string, config: Record<string, unknown>, agentIds: string[], seed = 1) {
  const game = getGame(gameId);
  const specs = agentIds.map((id) => getAgent(gameId, id));
  return playMatch(game, config, seed, instantiate(game, config, seed, specs));
}

describe('public goods baseline agents', () => {
  it('are registered for both games with a title, a description and (where one exists) a source', () => {
    for (const game of ['public-goods', 'sequential-public-goods']) {
      for (const id of [
        'free-rider',
        'full-contributor',
        'conditional-cooperator',
        'punisher',
        'tit-for-tat-group',
        'half',
        'random',
      ]) {
        assert.ok(ids(game).includes(id), `${id} plays ${game}`);
      }
    }
    for (const a of PUBLIC_GOODS_AGENTS) assert.ok(a.title && a.description);
    assert.ok(getAgent('public-goods', 'conditional-cooperator').source?.includes('Fischbacher'));
  });

  it('play legal actions in both games for any N in 2..32, integer or continuous, with or without punishment', () => {
    const all = [
      'free-rider',
      'full-contributor',
      'conditional-cooperator',
      'punisher',
      'tit-for-tat-group',
      'half',
      'random',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 32 }),
        fc.constantFrom('public-goods', 'sequential-public-goods'),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 1000 }),
        (players, game, continuous, punishment, seed) => {
          const config: Record<string, unknown> = {
            players,
            rounds: 3,
            ...(continuous ? { contributions: 'continuous', endowment: 12.5 } : {}),
          };
          if (game === 'public-goods' && punishment) config.punishment = true;
          const seats = Array.from({ length: players }, (_, s) => all[(s + seed) % all.length]!);
          const rec = play(game, config, seats, seed); // validates every action
          assert.ok(rec.result.returns.every(Number.isFinite));
          assert.equal(rec.truncated, false);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('free-rider gives 0 and full-contributor gives e every round', () => {
    const rec = play('public-goods', { players: 3, rounds: 4 }, ['free-rider', 'full-contributor', 'free-rider']);
    for (const r of rec.state.history) assert.deepEqual(r.contributions, [0, 20, 0]);
  });

  it("conditional-cooperator starts with e/2 then matches the others' last-round average", () => {
    const rec = play('public-goods', { players: 3, rounds: 3 }, ['conditional-cooperator', 'full-contributor', 'half']);
    assert.deepEqual(
      rec.state.history.map((r: { contributions: number[] }) => r.contributions[0]),
      [10, 15, 15],
    );
  });

  it("conditional-cooperator matches its predecessors' average in the sequential game", () => {
    const rec = play('sequential-public-goods', { players: 3, rounds: 1 }, [
      'full-contributor',
      'free-rider',
      'conditional-cooperator',
    ]);
    assert.deepEqual(rec.state.history[0].contributions, [20, 0, 10]);
  });

  it('a free-rider among conditional cooperators drags contributions down round after round', () => {
    const rec = play('public-goods', { players: 4, rounds: 10 }, [
      'conditional-cooperator',
      'conditional-cooperator',
      'conditional-cooperator',
      'free-rider',
    ]);
    const mean = rec.state.history.map(
      (r: { contributions: number[] }) => r.contributions.reduce((a, b) => a + b, 0) / 4,
    );
    for (let t = 1; t < mean.length; t++)
      assert.ok(mean[t]! <= mean[t - 1]!, `round ${t}: ${mean[t - 1]} → ${mean[t]}`);
    assert.ok(mean[9]! < mean[0]! / 2);
  });

  it('punisher punishes below-average contributors, so free-riding among punishers earns less than without punishment', () => {
    const seats = ['punisher', 'punisher', 'punisher', 'free-rider'];
    const without = play('public-goods', { players: 4, rounds: 5 }, seats).result.returns[3]!;
    const rec = play('public-goods', { players: 4, rounds: 5, punishment: true }, seats);
    assert.ok(rec.state.history.every((r: { received: number[] }) => r.received[3]! > 0 && r.received[0] === 0));
    assert.ok(rec.result.returns[3]! < without, `${rec.result.returns[3]} vs ${without}`);
    assert.ok(rec.result.returns[3]! < rec.result.returns[0]!, 'the punished free-rider ends below the punishers');
  });

  it('tit-for-tat-group cooperates while the others give at least e/2 and stops when they do not', () => {
    const rec = play('public-goods', { players: 3, rounds: 3 }, ['tit-for-tat-group', 'free-rider', 'half']);
    assert.deepEqual(
      rec.state.history.map((r: { contributions: number[] }) => r.contributions[0]),
      [20, 0, 0],
    );
    const good = play('public-goods', { players: 3, rounds: 3 }, ['tit-for-tat-group', 'full-contributor', 'half']);
    assert.deepEqual(
      good.state.history.map((r: { contributions: number[] }) => r.contributions[0]),
      [20, 20, 20],
    );
  });
});
