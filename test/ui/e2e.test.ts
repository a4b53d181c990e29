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
import { makeCheckpoint } from '../../agents/policy/checkpoint.ts';
import { architectureFor } from '../../agents/policy/architecture.ts';
import { initParams } from '../../agents/policy/params.ts';
import type { Json } from '../../games/core/types.ts';
import { getGame } from '../../games/index.ts';
import { bootArena, CHROMIUM, launchChromium, type Arena } from './arena-harness.ts';
import { claimEvaluation, endEvaluation, insertEvaluation } from '../../server/evaluation/store.ts';
import { insertCheckpoint } from '../../server/store/checkpoints.ts';

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

  it('the leaderboard lists the rated agents of a game with Elo, a rating with its interval and games played', async () => {
    await page.goto(`${arena.url}/#/leaderboard/ipd`);
    await page.waitForSelector('tr.lb-row');
    const rows = await page.$$eval('tr.lb-row', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent!.trim())),
    );
    const names = rows.map((r) => r[1]!.split(' ')[0]);
    assert.deepEqual([...names].sort(), ['alld', 'grim', 'tft']);
    for (const r of rows) {
      assert.match(r[2]!, /^\d+$/, 'Elo');
      // One or two games each: the rating is provisional ("?") and its interval is wide.
      assert.match(r[3]!, /^\d+\? \[\d+, \d+\]$/, 'rating ? [low, high]');
      assert.equal(r[6], '—', 'no Nash averaging with two games');
    }
    assert.equal(rows.find((r) => r[1]!.startsWith('tft'))![4], '2', 'tft played two games');
    assert.match((await page.textContent('p.gt-status'))!, /need two agents with at least 10 games/);
    assert.equal(
      await page.$$eval('dl.column-help dt', (dts) => dts.map((d) => d.textContent).join(',')),
      'Elo,Rating,Nash,α-Rank',
    );
    assert.deepEqual(pageErrors, []);
  });

  it('shows Nash averaging and α-Rank with intervals once agents have enough games, the same numbers as the API', async () => {
    await arena.roundRobin('chicken', ['alld', 'tft', 'allc', 'random'], { turns: 10 }, 8);
    await page.goto(`${arena.url}/#/leaderboard/chicken`);
    await page.waitForSelector('tr.lb-row td.nash .est');
    const api = (await (await fetch(`${arena.url}/api/leaderboard/chicken`)).json()) as {
      items: any[];
      gameTheory: { status: string };
    };
    assert.equal(api.gameTheory.status, 'ready');
    const ui = await page.$$eval('tr.lb-row', (trs) =>
      trs.map((tr) => ({
        name: tr.getAttribute('data-agent'),
        rating: tr.querySelector('td.rating')!.textContent!.trim(),
        nash: tr.querySelector('td.nash')!.textContent!.trim(),
        alpha: tr.querySelector('td.alpharank')!.textContent!.trim(),
        provisional: tr.classList.contains('is-provisional'),
      })),
    );
    assert.equal(ui.length, 4);
    for (const row of ui) {
      const a = api.items.find((x) => x.name === row.name)!;
      assert.ok(
        row.rating.startsWith(`${Math.round(a.rating)}`) &&
          row.rating.includes(`[${Math.round(a.ratingLow)}, ${Math.round(a.ratingHigh)}]`),
        `${row.rating} vs ${a.rating}`,
      );
      assert.ok(
        row.nash.startsWith(
          `${a.nash.score.toFixed(3)} [${a.nash.scoreLow.toFixed(3)}, ${a.nash.scoreHigh.toFixed(3)}]`,
        ),
        `${row.nash}`,
      );
      assert.ok(
        row.alpha.startsWith(
          `${a.alphaRank.mass.toFixed(3)} [${a.alphaRank.low.toFixed(3)}, ${a.alphaRank.high.toFixed(3)}]`,
        ),
        `${row.alpha}`,
      );
      assert.ok(row.alpha.endsWith(`∞: #${a.alphaRank.infinitePlace}`));
      assert.equal(row.provisional, a.provisional);
    }
    assert.deepEqual(pageErrors, []);
  });

  it('"why" opens the agent’s payoff against the top opponents as a heat map', async () => {
    await page.goto(`${arena.url}/#/leaderboard/chicken`);
    await page.waitForSelector('tr.lb-row');
    const first = await page.$eval('tr.lb-row', (tr) => tr.getAttribute('data-agent'));
    await page.click('tr.lb-row a:text("why")');
    await page.waitForSelector('section.why table.heatmap');
    const heads = await page.$$eval('table.heatmap thead th', (ths) => ths.slice(1).map((t) => t.textContent));
    assert.equal(heads[0], first, 'the agent comes first');
    assert.equal(heads.length, 4);
    const cells = await page.$$eval('table.heatmap td.cell', (tds) =>
      tds.map((td) => ({
        bg: (td as HTMLElement).style.background,
        score: Number(td.getAttribute('data-score')),
        n: td.querySelector('.n')!.textContent,
      })),
    );
    assert.equal(cells.length, 12, 'every off-diagonal pair of four agents');
    for (const c of cells) {
      assert.match(c.n!, /^n \d+$/, 'these agents all met');
      assert.ok(c.score >= 0 && c.score <= 1);
      assert.match(c.bg, /^rgb/);
    }
    // Green above ½, red below.
    const green = cells.find((c) => c.score > 0.75);
    if (green)
      assert.ok(
        /rgb\((\d+), (\d+)/
          .exec(green.bg)!
          .slice(1)
          .map(Number)
          .reduce((r, g) => g - r) > 0,
      );
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
    const rows = () =>
      page.$$eval('table.move-grid tbody tr', (trs) =>
        trs.slice(0, 2).map((tr) => Array.from(tr.querySelectorAll('td.move'), (td) => td.textContent).join('')),
      );
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
    assert.ok(
      colours.seat0 > 100 && colours.seat1 > 100,
      `both robots are drawn (${colours.seat0}, ${colours.seat1} px)`,
    );
    assert.match((await page.textContent('.sumo-status'))!, /^Step 0 \/ \d+/);
    await page.click('.player button.last');
    assert.match((await page.textContent('.sumo-status'))!, /^Over: /);
    await page.screenshot({ path: '/tmp/ludus-ui-sumo-replay.png' });
  });

  it('a person plays a whole IPD match against tft by clicking, while a spectator watches, and both see the result', async () => {
    await page.goto(`${arena.url}/#/play?game=ipd&opponent=tft`);
    await page.waitForSelector('button.start');
    await page.click('details.advanced summary');
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
    assert.match((await page.textContent('.result-box'))!, /you 11 · tft 6/);
    await page.waitForFunction(
      () => document.querySelectorAll('table.move-grid tbody tr:first-child td.move').length === 4,
    );
    await page.screenshot({ path: '/tmp/ludus-ui-play.png', fullPage: true });

    await watcher.waitForSelector('.status .result');
    assert.match(
      (await watcher.textContent('.status'))!,
      /guest won/,
      "a spectator reads the seat's name as it was given",
    );
    const seen = await watcher.$$eval('table.move-grid tbody tr:first-child td.move', (tds) =>
      tds.map((t) => t.textContent).join(''),
    );
    assert.equal(seen, 'DCDD', 'the spectator saw every move as it was played');
    await watcher.close();

    await page.click('.result-box a[href^="#/matches/"]');
    await page.waitForSelector('table.move-grid');
    assert.match((await page.textContent('.result'))!, /guest won · 11 : 6/);
    assert.deepEqual(pageErrors, []);
  });

  it("a checkpoint agent's page shows its training, its lineage as links and its scores during training", async () => {
    // Three snapshots of one run (the first before any evaluation against alld), uploaded through the
    // API like `ludus train --arena` does, plus a lone one whose parent never reached the arena.
    const game = getGame('ipd');
    const arch = architectureFor(
      game.obsSize(game.configSchema.parse({})),
      game.actionSpace(game.configSchema.parse({})),
      { hidden: [4] },
    );
    const params = initParams(arch, 1);
    const score = (opponent: string, s: number) => ({ opponent, score: s, low: s - 0.1, high: s + 0.1 });
    const snap = (k: number, parent: string | null, steps: number, evals: Json[]) =>
      makeCheckpoint({
        id: `ui-run-${k}`,
        name: `ppo-ipd-s7-i${k * 10}`,
        game: 'ipd',
        config: {},
        architecture: arch,
        params,
        parent,
        createdAt: new Date(Date.UTC(2025, 0, 1, 12, k)).toISOString(),
        training: {
          algo: 'ppo',
          role: 'fixed-opponents',
          seed: 7,
          iterations: k * 10,
          envSteps: steps,
          seconds: k * 1.5,
          hyper: { lr: 0.0003 },
          final: k === 3,
          eval: evals,
        },
      });
    const records = [
      snap(1, null, 1000, [score('tft', 0.25)]),
      snap(2, 'ui-run-1', 2000, [score('tft', 0.5), score('alld', 0.2)]),
      snap(3, 'ui-run-2', 3000, [score('tft', 0.75), score('alld', 0.4)]),
      { ...snap(9, 'ui-run-gone', 500, []), id: 'ui-lone', name: 'ppo-ipd-lone' },
    ];
    const agents: string[] = [];
    for (const rec of records) {
      const r = await fetch(`${arena.url}/api/checkpoints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${arena.adminToken}` },
        body: JSON.stringify(rec),
      });
      assert.equal(r.status, 201, await r.clone().text());
      agents.push(((await r.json()) as { agent: { id: string } }).agent.id);
    }

    await page.goto(`${arena.url}/#/agents/${agents[2]}`);
    await page.waitForSelector('section.training');
    const facts = Object.fromEntries(
      await page.$$eval('table.training-facts tr', (trs) =>
        trs.map((tr) => [tr.getAttribute('data-field'), tr.querySelector('td')!.textContent]),
      ),
    );
    assert.deepEqual(
      {
        algo: facts.algo,
        role: facts.role,
        seed: facts.seed,
        iterations: facts.iterations,
        envSteps: facts.envSteps,
        seconds: facts.seconds,
        checkpoint: facts.checkpoint,
      },
      {
        algo: 'ppo',
        role: 'fixed-opponents',
        seed: '7',
        iterations: '30',
        envSteps: '3,000',
        seconds: '4.5',
        checkpoint: 'ui-run-3',
      },
    );
    const lineage = await page.$$eval('ol.lineage li', (lis) =>
      lis.map((li) => ({ text: li.textContent, href: li.querySelector('a')?.getAttribute('href') ?? null })),
    );
    assert.deepEqual(lineage, [
      { text: 'ppo-ipd-s7-i10', href: `#/agents/${agents[0]}` },
      { text: 'ppo-ipd-s7-i20', href: `#/agents/${agents[1]}` },
      { text: 'ppo-ipd-s7-i30 (this agent)', href: null },
    ]);
    // One series per opponent, a point per snapshot that was evaluated against it, a legend entry each.
    const series = await page.$$eval('.score-chart svg.chart g.series', (gs) =>
      gs.map((g) => ({
        name: g.getAttribute('data-series'),
        points: g.querySelectorAll('circle').length,
        whiskers: g.querySelectorAll('line.interval').length,
      })),
    );
    assert.deepEqual(series, [
      { name: 'tft', points: 3, whiskers: 3 },
      { name: 'alld', points: 2, whiskers: 2 },
    ]);
    assert.deepEqual(await page.$$eval('.score-chart g.legend-item', (gs) => gs.map((g) => g.textContent)), [
      'tft',
      'alld',
    ]);
    const tip = await page.$eval(
      '.score-chart g.series[data-series="alld"] circle:last-of-type title',
      (t) => t.textContent,
    );
    assert.equal(tip, 'alld — ppo-ipd-s7-i30 at 3,000 env steps: score 0.40 (95% interval 0.30–0.50)');
    // Scores go up and to the right: the last tft point is higher on screen and further right than the first.
    const [first, last] = await page.$$eval('.score-chart g.series[data-series="tft"] circle', (cs) =>
      [cs[0]!, cs[cs.length - 1]!].map((c) => [Number(c.getAttribute('cx')), Number(c.getAttribute('cy'))]),
    );
    assert.ok(last![0]! > first![0]! && last![1]! < first![1]!, `${first} → ${last}`);
    await page.screenshot({ path: '/tmp/ludus-ui-checkpoint.png', fullPage: true });

    // The first ancestor's link opens its page: no parent, and no alld series yet.
    await page.click(`ol.lineage a[href="#/agents/${agents[0]}"]`);
    await page.waitForFunction(() =>
      document.querySelector('ol.lineage li.self')?.textContent?.startsWith('ppo-ipd-s7-i10'),
    );
    assert.equal(await page.$$eval('ol.lineage li', (lis) => lis.length), 1);
    assert.deepEqual(
      await page.$$eval('.score-chart g.series', (gs) =>
        gs.map((g) => [g.getAttribute('data-series'), g.querySelectorAll('circle').length]),
      ),
      [['tft', 1]],
    );

    // A checkpoint without evaluations and with a parent the arena never received says so.
    await page.goto(`${arena.url}/#/agents/${agents[3]}`);
    await page.waitForSelector('section.training p.no-eval');
    assert.deepEqual(await page.$$eval('ol.lineage li', (lis) => lis.map((li) => li.textContent)), [
      'ui-run-gone (not in the arena)',
      'ppo-ipd-lone (this agent)',
    ]);
    assert.equal(await page.$$eval('.score-chart', (els) => els.length), 0);

    // A built-in agent has no training section.
    await page.goto(`${arena.url}/#/leaderboard/ipd`);
    await page.click('tr.lb-row a[href^="#/agents/"]');
    await page.waitForSelector('svg.chart polyline');
    assert.equal(await page.$$eval('section.training', (els) => els.length), 0);
    assert.deepEqual(pageErrors, []);
  });

  it('the leaderboard tells exact from attack exploitability, and a victim’s page lists the attacks on it with curves and "exploited by"', async () => {
    // A finished evaluation of rusher, as the evaluation service ends one (compare-and-set as the
    // lease holder, the exploiter registered in the same transaction).
    const sumo = getGame('sumo');
    const cfg = sumo.configSchema.parse({});
    const arch = architectureFor(sumo.obsSize(cfg), sumo.actionSpace(cfg), { hidden: [4] });
    const rusher = (await arena.store.getAgentByName('rusher'))!;
    const db = arena.store.db;
    await insertEvaluation(db, {
      id: 'ev_ui',
      game: 'sumo',
      config: {},
      victimId: rusher.id,
      mode: 'train',
      budget: { envSteps: 20000 },
      seed: 1,
      options: { evalMatches: 20, evalPoints: 2, finalMatches: 100 },
      requestedBy: 'admin',
    });
    await claimEvaluation(db, 'ev_ui', 1, 'ui-test', 60_000);
    const { agent: exploiter } = await insertCheckpoint(
      db,
      makeCheckpoint({
        id: 'adv-sumo-ui-i5',
        name: 'adversary-sumo-vs-rusher-ui',
        game: 'sumo',
        config: {},
        architecture: arch,
        params: initParams(arch, 1),
        training: { algo: 'ppo', role: 'adversary', victim: { id: 'rusher' } },
      }),
      'evaluation ev_ui',
      'exploiter',
    );
    const point = (envSteps: number, s: number) => ({
      iteration: envSteps / 4000,
      envSteps,
      seconds: envSteps / 1000,
      score: { estimate: s, low: s - 0.1, high: Math.min(1, s + 0.1) },
      payoff: 0,
      victimPayoff: 0,
    });
    const curve = [point(0, 0.2), point(8000, 0.6), point(20000, 0.9)];
    const score = { estimate: 0.9, low: 0.83, high: 0.94 };
    assert.ok(
      await endEvaluation(db, 'ev_ui', 1, 'ui-test', {
        status: 'finished',
        result: { final: { matches: 100, score } },
        evidence: {
          game: 'sumo',
          victim: rusher.id,
          unit: 'score',
          adversary: score,
          selfPlay: 0.5,
          budget: { envSteps: 20000 },
          envSteps: 20000,
          matches: 100,
          adversaryId: 'adv-sumo-ui-i5',
          date: '2026-01-02T03:04:05.000Z',
        },
        curve,
        progress: { fraction: 1 },
        adversaryCheckpoint: 'adv-sumo-ui-i5',
        exploiterId: exploiter.id,
      }),
    );

    await page.goto(`${arena.url}/#/leaderboard/sumo`);
    await page.waitForSelector('tr.lb-row td.expl');
    const cells = Object.fromEntries(
      await page.$$eval('tr.lb-row', (trs) =>
        trs.map((tr) => {
          const td = tr.querySelector('td.expl')!;
          return [tr.getAttribute('data-agent'), [td.getAttribute('data-kind'), td.textContent!.trim()]];
        }),
      ),
    );
    assert.equal(cells.rusher[0], 'attack');
    assert.match(cells.rusher[1], /^≥ 0\.400 \[0\.33, 0\.44\] attack/);
    assert.deepEqual(cells.edge, [null, '—']);
    await page.goto(`${arena.url}/#/leaderboard/ipd`);
    await page.waitForSelector('tr.lb-row td.expl');
    assert.equal(
      await page.$eval('tr.lb-row[data-agent="tft"] td.expl', (td) => td.getAttribute('data-kind')),
      'exact',
    );

    await page.goto(`${arena.url}/#/agents/${rusher.id}?game=sumo`);
    await page.waitForSelector('section.attacks');
    assert.equal(
      await page.$eval('section.attacks p.exploited-by a', (a) => [a.textContent, a.getAttribute('href')].join(' ')),
      `adversary-sumo-vs-rusher-ui #/agents/${exploiter.id}?game=sumo`,
    );
    const row = await page.$$eval('tr.attack-row', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td'), (td) => td.textContent!.trim())),
    );
    assert.equal(row.length, 1);
    assert.deepEqual(row[0]!.slice(0, 4), ['sumo', '20,000 steps', 'finished', '0.900 [0.83, 0.94]']);
    assert.equal(
      await page.$$eval('.attack-curves g.series circle', (cs) => cs.length),
      3,
      'one point per curve point',
    );
    assert.deepEqual(pageErrors, []);
  });
});
