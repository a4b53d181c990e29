/** The classic strategies: each plays every dilemma game, and the history-based ones follow their published rules. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfig, playMatch } from '../../games/core/index.ts';
import { DILEMMA_GAMES, ipd, type DilemmaState } from '../../games/dilemmas/index.ts';
import { DILEMMA_AGENTS } from '../../agents/dilemmas/index.ts';
import { getAgent, instantiate } from '../../agents/registry.ts';
import { memoryOneOf } from '../../agents/dilemmas/analysis/memory-one.ts';

function moves(a: string, b: string, turns = 12, extra: object = {}): [string, string] {
  const config = parseConfig(ipd, { turns, ...extra });
  const rec = playMatch(ipd, config, 1, instantiate(ipd, config, 1, [getAgent('ipd', a), getAgent('ipd', b)]));
  const s = rec.state as DilemmaState;
  return [s.moves[0].join(''), s.moves[1].join('')];
}

describe('classic strategies', () => {
  it('there are at least 22, with unique ids, a one-line description and a source', () => {
    assert.ok(DILEMMA_AGENTS.length >= 22);
    assert.equal(new Set(DILEMMA_AGENTS.map((s) => s.id)).size, DILEMMA_AGENTS.length);
    for (const s of DILEMMA_AGENTS) {
      assert.ok(s.description.length > 10 && !s.description.includes('\n'), s.id);
      assert.ok(s.source && s.source.length > 5, s.id);
    }
  });

  it('every strategy plays every dilemma game, with noise, prob_end and cheap talk, in both seats', () => {
    for (const game of DILEMMA_GAMES) {
      const config = parseConfig(game, { turns: 15, noise: 0.1, cheapTalk: true });
      for (const [i, spec] of DILEMMA_AGENTS.entries()) {
        const other = DILEMMA_AGENTS[(i * 7 + 3) % DILEMMA_AGENTS.length]!;
        const rec = playMatch(game, config, i, instantiate(game, config, i, [spec, other]));
        assert.equal(rec.steps, 30, `${spec.id} in ${game.id}`);
        assert.ok(rec.result.returns.every(Number.isFinite));
      }
    }
  });

  it('memory-one strategies publish the vectors of REFERENCES.md', () => {
    const expect: Record<string, number[]> = {
      tft: [1, 0, 1, 0],
      wsls: [1, 0, 0, 1],
      fbf: [1, 0, 1, 2 / 3],
      'stochastic-cooperator': [0.935, 0.229, 0.266, 0.42],
      allc: [1, 1, 1, 1],
      alld: [0, 0, 0, 0],
    };
    for (const [id, p] of Object.entries(expect)) assert.deepEqual([...memoryOneOf(getAgent('ipd', id))!.p], p, id);
    assert.equal(memoryOneOf(getAgent('ipd', 'grim')), undefined);
  });

  it('TFT copies the last move; STFT opens with D; Alternator alternates; Cycler plays CCD', () => {
    assert.deepEqual(moves('tft', 'alternator', 6), ['CCDCDC', 'CDCDCD']);
    assert.deepEqual(moves('stft', 'allc', 4), ['DCCC', 'CCCC']);
    assert.deepEqual(moves('cycler-ccd', 'allc', 6)[0], 'CCDCCD');
  });

  it('Grim never forgives; TF2T waits for two defections in a row', () => {
    assert.deepEqual(moves('grim', 'alternator', 6)[0], 'CCDDDD');
    assert.deepEqual(moves('tf2t', 'alternator', 6)[0], 'CCCCCC');
    assert.deepEqual(moves('tf2t', 'alld', 4)[0], 'CCDD');
    assert.deepEqual(moves('hard-tft', 'cycler-ccd', 7)[0], 'CCCDDDD');
  });

  it('Prober exploits a cooperator from turn 4 and plays TFT against a retaliator', () => {
    assert.deepEqual(moves('prober', 'allc', 6)[0], 'DCCDDD');
    assert.deepEqual(moves('prober', 'tft', 6)[0], 'DCCCCC');
  });

  it('Handshake cooperates with itself after the C, D opening and defects against others', () => {
    assert.deepEqual(moves('handshake', 'handshake', 6), ['CDCCCC', 'CDCCCC']);
    assert.deepEqual(moves('handshake', 'allc', 5)[0], 'CDDDD');
  });

  it('Adaptive opens C×6, D×5, then plays the move that earned more', () => {
    assert.deepEqual(moves('adaptive', 'allc', 13)[0], 'CCCCCCDDDDDDD');
  });

  it('Gradual answers the n-th defection with n defections and then two cooperations', () => {
    // Alternator defects on turns 2, 4, 6: the first is punished once (turn 3), then calm (4, 5); at turn 7 the
    // opponent has defected 3 times in all, so 3 defections (7–9), then calm (10, 11).
    assert.deepEqual(moves('gradual', 'alternator', 11)[0], 'CCDCCCDDDCC');
  });

  it('GTFT recomputes its forgiveness from the table of the match it plays', () => {
    const spec = getAgent('ipd', 'gtft');
    assert.notDeepEqual(
      memoryOneOf(spec, { R: 3, S: 0, T: 5, P: 1 })!.p,
      memoryOneOf(spec, { R: 4, S: 0, T: 5, P: 1 })!.p,
    );
  });
});
