/**
 * The tournaments pages in real Chromium against the real server (PGlite): the list, the organiser
 * form (admin token) creating an event, and a finished round robin's page — progress, standings with
 * tiebreaks equal to the API's, the crosstable, round-by-round links to each match's replay, the
 * CSV/JSON export links and the final report with ratings and their intervals.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { bootArena, CHROMIUM, launchChromium, type Arena } from './arena-harness.ts';

const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (.ci/run installs Debian's chromium)`;

async function api(arena: Arena, method: string, path: string, body?: unknown): Promise<any> {
  const r = await fetch(arena.url + path, {
    method,
    headers: { authorization: `Bearer ${arena.adminToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return r.json();
}

describe('tournaments UI in Chromium', { skip }, () => {
  let arena: Arena;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  let id = '';
  before(async () => {
    [arena, browser] = await Promise.all([
      bootArena({ tournaments: { enabled: true, leaseMs: 5000, jobExpireSeconds: 10, pollSeconds: 0.5 } }),
      launchChromium(),
    ]);
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const t = await api(arena, 'POST', '/api/tournaments', {
      name: 'UI round robin',
      game: 'ipd',
      config: { turns: 8 },
      rules: { format: { kind: 'round-robin' } },
      entrants: ['tft', 'alld', 'wsls'],
      seed: 1,
    });
    assert.ok(t.id, JSON.stringify(t));
    id = t.id;
    for (let i = 0; i < 600; i++) {
      if ((await api(arena, 'GET', `/api/tournaments/${id}`)).status === 'finished') break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  after(async () => {
    await browser?.close();
    await arena?.close();
  });

  it('shows a finished round robin: standings as the API, crosstable, rounds with replay links, exports, final report', async () => {
    const v = await api(arena, 'GET', `/api/tournaments/${id}`);
    assert.equal(v.status, 'finished');
    await page.goto(`${arena.url}/#/tournaments/${id}`);
    await page.waitForSelector('tr.standing-row');
    const rows = await page.$$eval('tr.standing-row', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent!.trim())),
    );
    assert.deepEqual(
      rows.map((r) => [r[0], r[1], r[2]]),
      v.standings.map((s: any) => [
        String(s.rank),
        s.name,
        String(Number.isInteger(s.points) ? s.points : s.points.toFixed(2)),
      ]),
    );
    assert.equal(await page.$$eval('table.crosstable tbody tr', (t) => t.length), 3);
    assert.equal(await page.textContent('.tournament-status'), 'finished');
    assert.equal(await page.$eval('progress.tournament-progress', (p) => (p as HTMLProgressElement).value), 3);
    const replays = await page.$$eval('ul.pairings a[href^="#/matches/"]', (as) =>
      as.map((a) => a.getAttribute('href')),
    );
    assert.equal(replays.length, 3);
    assert.equal(await page.getAttribute('.exports a[href$="format=csv"]', 'download'), `${id}.csv`);
    await page.waitForSelector('tr.report-row');
    const report = await page.$$eval('tr.report-row', (trs) =>
      trs.map((tr) => tr.querySelectorAll('td')[2]!.textContent!.trim()),
    );
    for (const cell of report) assert.match(cell, /^-?\d+\?? \[-?\d+, -?\d+\]$/);
    // A replay link opens the match page.
    await page.click('ul.pairings a[href^="#/matches/"]');
    await page.waitForFunction(
      () => location.hash.startsWith('#/matches/m') || location.hash.startsWith('#/matches/t_'),
    );
    assert.deepEqual(pageErrors, []);
  });

  it('lists tournaments and creates one from the organiser form', async () => {
    await page.close();
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${arena.url}/#/tournaments`);
    await page.waitForSelector('tr.tournament-row');
    assert.match((await page.textContent('table.tournaments'))!, /UI round robin/);
    await page.fill('form.organiser-form input[name=name]', 'Form swiss');
    await page.selectOption('form.organiser-form select[name=format]', 'swiss');
    await page.fill('form.organiser-form input[name=rounds]', '2');
    await page.fill('form.organiser-form input[name=entrants]', 'tft, alld, wsls');
    await page.fill('form.organiser-form input[name=token]', 'wrong-token-0123456789');
    await page.click('form.organiser-form button[type=submit]');
    await page.waitForSelector('.form-status.error');
    assert.match((await page.textContent('.form-status'))!, /UNAUTHORIZED/);
    await page.fill('form.organiser-form input[name=token]', arena.adminToken);
    await page.click('form.organiser-form button[type=submit]');
    await page.waitForFunction(() => /^#\/tournaments\/t_/.test(location.hash));
    await page.waitForSelector('h1');
    assert.equal(await page.textContent('h1'), 'Form swiss');
    assert.deepEqual(pageErrors, []);
  });
});
