/**
 * `ludus tournament create|list|show|join|withdraw|cancel --url …` against a running arena (PGlite):
 * an organiser creates an open Swiss event, a bot joins with its own token, the event plays, `show`
 * prints its standings (and --csv), `cancel` stops another one; API refusals are one line, exit 2.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bootArena, type TestArena } from '../support/arena-harness.ts';
import { BACKENDS } from '../server/store-backends.ts';
import { ludus } from './support.ts';

const ADMIN = 'cli-admin-token-0123456789';

describe('ludus tournament against a running arena', () => {
  let t: TestArena;
  before(async () => {
    t = await bootArena(
      BACKENDS[0]!,
      {},
      { adminToken: ADMIN, tournaments: { enabled: true, leaseMs: 5000, jobExpireSeconds: 10, pollSeconds: 0.5 } },
    );
  });
  after(async () => t?.close());

  it('creates, lists, joins, shows and cancels', async () => {
    const admin = { LUDUS_ADMIN_TOKEN: ADMIN };
    const bot = await t.register('cli-bot', ['ipd']);
    const c = await ludus(
      admin,
      'tournament',
      'create',
      '--url',
      t.base,
      '--name',
      'cli swiss',
      '--game',
      'ipd',
      '--turns',
      '10',
      '--format',
      'swiss',
      '--rounds',
      '2',
      '--entrants',
      'tft,alld,wsls',
      '--open',
      '--start-in',
      '10',
      '--seed',
      '3',
      '--grace',
      '200',
      '--json',
    );
    assert.equal(c.code, 0, c.stderr);
    const id = JSON.parse(c.stdout).id as string;
    const j = await ludus({ LUDUS_TOKEN: bot.token }, 'tournament', 'join', id, '--url', t.base);
    assert.equal(j.code, 0, j.stderr);
    assert.match(j.stdout, /joined .*; 4 entrants/);
    const l = await ludus({}, 'tournament', 'list', '--url', t.base);
    assert.match(l.stdout, new RegExp(`${id}.*cli swiss.*swiss`));
    // The bot is not connected: it forfeits after the grace period; the others play.
    let shown = '';
    for (let i = 0; i < 300 && !/finished/.test(shown); i++) {
      shown = (await ludus({}, 'tournament', 'show', id, '--url', t.base)).stdout;
      if (!/finished/.test(shown)) await new Promise((r) => setTimeout(r, 500));
    }
    assert.match(shown, /swiss, finished; round 2 of 2/);
    assert.match(shown, /rank .*agent .*points .*buchholz/);
    const csvOut = await ludus({}, 'tournament', 'show', id, '--url', t.base, '--csv');
    assert.equal(csvOut.stdout.trim().split(/\r?\n/).length, 5);
    const other = JSON.parse(
      (
        await ludus(
          admin,
          'tournament',
          'create',
          '--url',
          t.base,
          '--name',
          'later',
          '--game',
          'ipd',
          '--format',
          'round-robin',
          '--entrants',
          'tft,alld',
          '--start-in',
          '3600',
          '--json',
        )
      ).stdout,
    ).id;
    const x = await ludus(admin, 'tournament', 'cancel', other, '--url', t.base);
    assert.match(x.stdout, /cancelled/);
    const again = await ludus(admin, 'tournament', 'cancel', other, '--url', t.base);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /^ludus: TOURNAMENT_STATE: /);
    const noAuth = await ludus({ LUDUS_ADMIN_TOKEN: '' }, 'tournament', 'cancel', other, '--url', t.base);
    assert.equal(noAuth.code, 2);
    assert.match(noAuth.stderr, /UNAUTHORIZED/);
  });
});
