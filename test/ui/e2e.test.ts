/**
 * The arena UI end to end, in real Chromium (/usr/bin/chromium driven by playwright-core) against
 * the real server (NestJS API + Colyseus + the UI, PGlite in a temporary directory) on a random
 * loopback port. Matches between built-in agents are played through the server's own match service
 * first, so the leaderboard and the replays have something to show.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { bootArena, CHROMIUM, launchChromium, type Arena } from './arena-harness.ts';

const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (.ci/run installs Debian's chromium)`;

describe('arena UI in Chromium', { skip }, () => {
  let arena: Arena;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const ids: Record<string, string> = {};

  before(async () => {
    [arena, browser] = await Promise.all([bootArena(), launchChromium()]);
    ids.ipd = await arena.playBuiltins('ipd', ['tft', 'alld'], { turns: 8 });
    await arena.playBuiltins('ipd', ['grim', 'tft'], { turns: 8 });
    ids.sumo = await arena.playBuiltins('sumo', ['rusher', 'edge'], {});
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  after(async () => {
    await browser?.close();
    await arena?.close();
  });

  it('the leaderboard lists the rated agents of a game with Elo, ± and games played', async () => {
    await page.goto(`${arena.url}/#/leaderboard/ipd`);
    await page.waitForSelector('tr.lb-row');
    const rows = await page.$$eval('tr.lb-row', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent!.trim())));
    const names = rows.map((r) => r[1]!.split(' ')[0]);
    assert.deepEqual([...names].sort(), ['alld', 'grim', 'tft']);
    for (const r of rows) {
      assert.match(r[2]!, /^\d+$/, 'Elo');
      assert.match(r[3]!, /^± \d+$/, 'standard error');
    }
    assert.equal(rows.find((r) => r[1]!.startsWith('tft'))![4], '2', 'tft played two games');
    assert.deepEqual(pageErrors, []);
  });

  it("an agent's page draws its rating history", async () => {
    await page.goto(`${arena.url}/#/leaderboard/ipd`);
    await page.click('tr.lb-row a[href^="#/agents/"]');
    await page.waitForSelector('svg.chart polyline');
    const points = await page.$$eval('svg.chart circle', (cs) => cs.length);
    assert.ok(points >= 2, `the start and at least one rated match (${points} points)`);
  });

  it('a dilemma replay draws the move grid and steps back through it', async () => {
    await page.goto(`${arena.url}/#/matches/${ids.ipd}`);
    await page.waitForSelector('table.move-grid');
    // tft vs alld: tft cooperates once, then both defect.
    const rows = () => page.$$eval('table.move-grid tbody tr', (trs) => trs.slice(0, 2).map((tr) => Array.from(tr.querySelectorAll('td.move'), (td) => td.textContent).join('')));
    assert.deepEqual(await rows(), ['CDDDDDDD', 'DDDDDDDD']);
    assert.match((await page.textContent('pre.render'))!, /Score: seat 0 7, seat 1 12/);
    await page.click('.player button.prev');
    await page.click('.player button.prev');
    assert.deepEqual(await rows(), ['CDDDDD', 'DDDDDD']);
    assert.match((await page.textContent('.acted'))!, /Step 6: tft: D · alld: D/);
    await page.click('.player button.first');
    assert.deepEqual(await rows(), ['', '']);
  });

  it('a sumo replay draws the ring and both robots on the canvas', async () => {
    await page.goto(`${arena.url}/#/matches/${ids.sumo}`);
    await page.waitForSelector('canvas.sumo-canvas');
    await page.click('.player button.first');
    // Counted in the page; a plain string so the test transpiler adds no helpers the page lacks.
    const colours = (await page.evaluate(`(() => {
      const c = document.querySelector('canvas.sumo-canvas');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      const seen = { ring: 0, seat0: 0, seat1: 0 };
      for (let i = 0; i < d.length; i += 4) {
        const dist = (r, g, b) => Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b);
        if (dist(0xe9, 0xdc, 0xc0) < 30) seen.ring++;
        else if (dist(0x2f, 0x6f, 0xdf) < 30) seen.seat0++;
        else if (dist(0xe5, 0x76, 0x2b) < 30) seen.seat1++;
      }
      return seen;
    })()`)) as { ring: number; seat0: number; seat1: number };
    assert.ok(colours.ring > 10_000, `the ring is drawn (${colours.ring} px)`);
    assert.ok(colours.seat0 > 100 && colours.seat1 > 100, `both robots are drawn (${colours.seat0}, ${colours.seat1} px)`);
    assert.match((await page.textContent('.sumo-status'))!, /^Step 0 \/ \d+/);
    await page.click('.player button.last');
    assert.match((await page.textContent('.sumo-status'))!, /^Over: /);
    await page.screenshot({ path: '/tmp/ludus-ui-sumo-replay.png' });
  });

  it('a person plays a whole IPD match against tft by clicking, while a spectator watches, and both see the result', async () => {
    await page.goto(`${arena.url}/#/play?game=ipd&opponent=tft`);
    await page.waitForSelector('button.start');
    await page.fill('input[name=config]', '{"turns": 4}');
    await page.click('button.start');
    await page.waitForURL(/#\/play\/m_/);
    const matchId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);

    const watcher = await browser.newPage();
    await watcher.goto(`${arena.url}/#/live`);
    await watcher.waitForSelector(`a[href="#/live/${matchId}"]`);
    await watcher.click(`a[href="#/live/${matchId}"]`);
    await watcher.waitForSelector('table.move-grid');

    const mine = ['D', 'C', 'D', 'D'];
    for (const [turn, move] of mine.entries()) {
      await page.waitForSelector(`button.action[data-action="${move}"]`);
      assert.match((await page.textContent('.status'))!, new RegExp(`Step ${turn}: your move`));
      assert.match((await page.textContent('.clock-text'))!, /s to move|bank draining/);
      await page.click(`button.action[data-action="${move}"]`);
    }
    await page.waitForSelector('.result-box h2');
    // tft copies the previous move: C D C D. Payoffs T=5, R=3, P=1, S=0: me 5+0+5+1 = 11, tft 0+5+0+1 = 6.
    assert.equal(await page.textContent('.result-box h2'), 'You won!');
    assert.match((await page.textContent('.result-box'))!, /Returns 11 : 6/);
    await page.waitForFunction(() => document.querySelectorAll('table.move-grid tbody tr:first-child td.move').length === 4);
    await page.screenshot({ path: '/tmp/ludus-ui-play.png', fullPage: true });

    await watcher.waitForSelector('.status .result');
    assert.match((await watcher.textContent('.status'))!, /you won/);
    const seen = await watcher.$$eval('table.move-grid tbody tr:first-child td.move', (tds) => tds.map((t) => t.textContent).join(''));
    assert.equal(seen, 'DCDD', 'the spectator saw every move as it was played');
    await watcher.close();

    await page.click('.result-box a[href^="#/matches/"]');
    await page.waitForSelector('table.move-grid');
    assert.match((await page.textContent('.result'))!, /you won · 11 : 6/);
    assert.deepEqual(pageErrors, []);
  });
});
