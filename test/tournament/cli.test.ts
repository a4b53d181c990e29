/**
 * `ludus tournament --format …` end to end through bin/ludus.js: its standings are the ones the
 * engine gives for the same rules, agents and seed when the games are played in process (the path
 * the arena's hosted tournaments share), and bad rules are one clear line with exit code 2.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveAgents } from '../../agents/registry.ts';
import { createTournament, runTournament, standings } from '../../agents/tournament/index.ts';
import { inProcessGames } from '../../agents/tournament/local.ts';
import { parseConfig } from '../../games/core/kernel.ts';
import { getGame } from '../../games/index.ts';
import { ludus as run } from './support.ts';

describe('ludus tournament --format', () => {
  it('prints the standings the shared engine computes for the same seed', async () => {
    const agents = 'tft,alld,wsls,gtft,random';
    const r = await run(
      {},
      'tournament',
      '--game',
      'ipd',
      '--agents',
      agents,
      '--turns',
      '30',
      '--noise',
      '0.05',
      '--format',
      'swiss',
      '--rounds',
      '3',
      '--seed',
      '4',
      '--json',
    );
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const game = getGame('ipd');
    const config = parseConfig(game, { turns: 30, noise: 0.05 });
    const specs = resolveAgents('ipd', agents);
    const state = runTournament(
      createTournament(
        { format: { kind: 'swiss', rounds: 3 } },
        specs.map((s) => s.id),
        4,
      ),
      inProcessGames(game, config, new Map(specs.map((s) => [s.id, s]))),
    );
    assert.deepEqual(out.standings, JSON.parse(JSON.stringify(standings(state))));
    assert.equal(out.pairings.filter((p: { kind: string }) => p.kind === 'bye').length, 3);
  });

  it('refuses bad rules with one line and exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['--format', 'knockout'], /--format must be one of/],
      [['--format', 'swiss', '--rounds', '9'], /TOURNAMENT_ENTRANTS: 9 Swiss rounds need at least 10 entrants/],
      [['--format', 'round-robin', '--tiebreaks', 'coin-toss'], /unknown tiebreak "coin-toss"/],
    ];
    const runs = await Promise.all(
      cases.map(([args]) => run({}, 'tournament', '--game', 'ipd', '--agents', 'tft,alld,wsls', ...args)),
    );
    runs.forEach((r, i) => {
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, cases[i]![1]);
      assert.equal(r.stderr.trim().split('\n').length, 1);
    });
  });
});
