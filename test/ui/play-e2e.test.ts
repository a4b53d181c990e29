/**
 * People play every game in real Chromium, at a desktop size (1280×800, mouse and keyboard) and at a
 * phone size (390×844, touch), against the real arena (test/ui/arena-harness.ts): issue 16's nine
 * problems, each pinned by an assertion.
 *   1. a refused action keeps the controls live, the error inline and the clock running;
 *   2. VGC-lite is played by clicking: team preview, move buttons with descriptions and effectiveness,
 *      a target picker, switches, to the end of the battle;
 *   3. the clock states the seat's real clock, moves continuously and warns when time runs low;
 *   4. no page scrolls sideways on a phone; the menu, tables and the sumo ring fit; the pad works by touch;
 *   5. the home page says what Ludus is, offers every game, live matches and top agents (provisional
 *      ratings marked), and the first load stays under 300 KB gzipped;
 *   6. spectators read names, everyone sees the spectator count, rematch swaps seats;
 *   7. cheap talk is typed in a text box, scores are rounded, a sumo ring-out is never called a draw;
 *   8. resign (confirmed), a warning before leaving, a 3-2-1 countdown before sumo, keyboard shortcuts;
 *   9. the menu reaches the training page.
 * Every page visited passes axe-core's WCAG 2 A/AA rules (contrast, labels, names).
 * With LUDUS_UI_SCREENSHOTS=<dir>, the screenshots of docs/ui.md are written there.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bootArena, CHROMIUM, launchChromium, type Arena } from './arena-harness.ts';

const skip = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing (.ci/run installs Debian's chromium)`;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS = process.env.LUDUS_UI_SCREENSHOTS;
if (SHOTS) mkdirSync(SHOTS, { recursive: true });

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800, touch: false },
  { name: 'phone', width: 390, height: 844, touch: true },
] as const;

describe('people play every game in Chromium', { skip }, () => {
  let arena: Arena;
  let browser: Browser;
  before(async () => {
    [arena, browser] = await Promise.all([bootArena(), launchChromium()]);
    await arena.playBuiltins('ipd', ['tft', 'alld'], { turns: 8 });
    await arena.playBuiltins('ipd', ['random', 'tft'], { turns: 8 });
  });
  after(async () => {
    await browser?.close();
    await arena?.close();
  });

  for (const vp of VIEWPORTS) {
    describe(`${vp.name} (${vp.width}×${vp.height})`, () => {
      let context: BrowserContext;
      let page: Page;
      const errors: string[] = [];
      before(async () => {
        context = await browser.newContext({
          viewport: { width: vp.width, height: vp.height },
          hasTouch: vp.touch,
          isMobile: vp.touch,
        });
        page = await context.newPage();
        page.on('pageerror', (e) => errors.push(e.message));
        // Leaving a page mid-match (a failed step) must not stall the next test on the browser's own prompt.
        page.on('dialog', (d) => void d.accept());
      });
      after(async () => {
        await context?.close();
      });

      /** The page never scrolls sideways: the document is no wider than the window. */
      const fits = async (p: Page = page, where = '') => {
        const [doc, win] = (await p.evaluate('[document.documentElement.scrollWidth, window.innerWidth]')) as [
          number,
          number,
        ];
        assert.ok(doc <= win, `${where || p.url()}: the page is ${doc}px wide in a ${win}px window`);
      };
      /** axe-core's WCAG 2 A/AA rules: no violation on what is on screen now. */
      const accessible = async (p: Page = page, where = '') => {
        if (!(await p.evaluate('typeof window.axe'))?.toString().includes('object'))
          await p.addScriptTag({ content: AXE });
        const r = (await p.evaluate(
          `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } }).then((r) => r.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')))`,
        )) as string[];
        assert.deepEqual(r, [], `${where || p.url()}: accessibility violations`);
      };
      const shot = async (name: string, p: Page = page) => {
        if (SHOTS) await p.screenshot({ path: join(SHOTS, `${name}-${vp.name}.png`), fullPage: true });
      };
      const tap = async (selector: string) => {
        if (vp.touch) await page.tap(selector);
        else await page.click(selector);
      };
      /** The play form as a person fills it: game, opponent, name, settings; returns the match id. */
      const start = async (game: string, opponent: string, config: unknown, seat?: number): Promise<string> => {
        await page.goto('about:blank');
        await page.goto(`${arena.url}/#/play?game=${game}&opponent=${opponent}`);
        await page.waitForSelector('button.start:not([disabled])');
        await page.fill('#play-name', `Ada-${vp.name}`);
        if (seat !== undefined) await page.selectOption('#play-seat', String(seat));
        await tap('details.advanced summary');
        await page.fill('#play-config', JSON.stringify(config));
        await tap('button.start');
        await page.waitForURL(/#\/play\/m_/);
        return decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
      };
      const result = async () => {
        await page.waitForSelector('.result-box h2', { timeout: 60_000 });
        return { headline: (await page.textContent('.result-box h2'))!, box: (await page.textContent('.result-box'))! };
      };

      it('the home page says what Ludus is, offers every game, the live matches and the top agents, in under 300 KB gzipped', async () => {
        let bytes = 0;
        const onResponse = (r: { url(): string; headers(): Record<string, string> }) => {
          if (r.url().startsWith(arena.url) && !r.url().includes('/api/'))
            bytes += Number(r.headers()['content-length'] ?? 0);
        };
        page.on('response', onResponse);
        await page.goto(`${arena.url}/`);
        await page.waitForSelector('.board .top-agents li');
        page.off('response', onResponse);
        assert.ok(bytes > 0 && bytes < 300 * 1024, `first load: ${bytes} bytes`);
        assert.match((await page.textContent('.hero'))!, /arena/);
        const games = (await (await fetch(`${arena.url}/api/games`)).json()) as { id: string }[];
        assert.equal(
          await page.$$eval('.game-card a.button', (as) => as.length),
          games.length,
          'Play now for every game',
        );
        assert.match((await page.textContent('main'))!, /No match is being played right now|Watch/);
        // random's rating rests on one match: marked provisional, after established ratings.
        const board = await page.$$eval('.board:first-child .top-agents li', (lis) =>
          lis.map((li) => ({ text: li.textContent!, prov: li.classList.contains('provisional') })),
        );
        assert.ok(board.length > 0 && board.every((b) => b.prov === b.text.includes('?')), JSON.stringify(board));
        assert.ok(await page.$('a[href="#/bots"]'), 'the bot quick-start');
        await fits();
        await accessible();
        await shot('home');
      });

      it('the menu reaches every page, the training page included, and none of them scrolls sideways', async () => {
        await page.goto(`${arena.url}/#/`);
        await page.waitForSelector('.game-card');
        for (const [href, heading] of [
          ['#/training', 'Training'],
          ['#/bots', 'Connect a bot'],
          ['#/leaderboard', 'Leaderboard'],
          ['#/matches', 'Matches'],
          ['#/live', 'Live matches'],
          ['#/play', 'Play an agent'],
        ] as const) {
          if (vp.touch) {
            assert.equal(await page.isVisible(`nav a[href="${href}"]`), false, 'the phone menu is folded');
            await page.tap('nav button.menu-toggle');
          }
          await page.click(`nav a[href="${href}"]`);
          await page.waitForFunction((h) => document.querySelector('main h1')?.textContent === h, heading);
          await page.waitForTimeout(100);
          await fits(page, href);
          await accessible(page, href);
        }
        await page.goto(`${arena.url}/#/matches`);
        await page.waitForSelector('tr.match-row');
        await fits(page, 'matches');
      });

      it('a whole IPD match by clicking: the header states the seat clock, it moves, a spectator reads names and the count, and a rematch swaps the seats', async () => {
        const matchId = await start('ipd', 'tft', { turns: 3 });
        await page.waitForSelector('button.move-button[data-action="C"]');
        assert.match((await page.textContent('.clock-line'))!, /Your clock: 30 s a turn \+ 2:30 bank/);
        const t1 = await page.textContent('.clock-text');
        await page.waitForTimeout(1300);
        const t2 = await page.textContent('.clock-text');
        assert.notEqual(t1, t2, 'the clock moves');
        assert.match(t2!, /^2\d s to move · then 2:30 in your bank$/);
        const width = Number(await page.$eval('.clock-bar', (b) => parseFloat((b as HTMLElement).style.width)));
        assert.ok(width > 80 && width < 100, `the bar shows the share of the turn left (${width}%)`);

        const watcher = await context.newPage();
        await watcher.goto(`${arena.url}/#/live`);
        await watcher.waitForSelector(`a[href="#/live/${matchId}"]`);
        assert.match((await watcher.textContent(`a[href="#/live/${matchId}"]`))!, new RegExp(`Ada-${vp.name} vs tft`));
        await watcher.click(`a[href="#/live/${matchId}"]`);
        await watcher.waitForSelector('table.move-grid');
        await page.waitForFunction(() => document.querySelector('.spectators')?.textContent === '1 watching');
        await watcher.waitForFunction(() => document.querySelector('.spectators')?.textContent === '1 watching');
        await fits(watcher, 'spectator');
        await accessible(watcher, 'spectator');

        for (const move of ['D', 'C', 'D']) {
          await page.waitForSelector(`button.move-button[data-action="${move}"]:not([disabled])`);
          await tap(`button.move-button[data-action="${move}"]`);
        }
        const r = await result();
        // tft copies: C D C. T=5, S=0, R... me 5 + 0 + 5 = 10, tft 0 + 5 + 0 = 5.
        assert.equal(r.headline, 'You won!');
        assert.match(r.box, /All turns were played; the higher total wins\./);
        assert.match(r.box, /you 10 · tft 5/);
        await watcher.waitForSelector('.status .result');
        assert.match((await watcher.textContent('.status'))!, new RegExp(`Ada-${vp.name} won`));
        assert.doesNotMatch((await watcher.textContent('main'))!, /\byou\b/i, 'a spectator never reads "you"');
        await watcher.close();
        await fits();
        await accessible();
        await shot('ipd-result');

        await tap('button.rematch');
        await page.waitForURL((u) => !u.hash.includes(matchId) && /#\/play\/m_/.test(u.hash));
        await page.waitForSelector('button.move-button');
        assert.match(
          (await page.textContent('.who'))!,
          new RegExp(`^tft.* vs you \\(Ada-${vp.name}\\)`),
          'the rematch seats the person second',
        );
        for (const key of ['c', 'd', '1']) {
          await page.waitForSelector('button.move-button:not([disabled])');
          await page.keyboard.press(key);
        }
        await page.waitForSelector('.result-box h2');
        await page.keyboard.press('c'); // no match any more: nothing happens
        await page.waitForSelector('button.move-button', { state: 'detached' });
        assert.deepEqual(errors, []);
      });

      it('stag hunt and chicken by key presses; the matrix game with cheap talk typed in a text box', async () => {
        for (const game of ['stag-hunt', 'chicken']) {
          await start(game, 'tft', { turns: 2 });
          for (const key of ['1', 'd']) {
            await page.waitForSelector('button.move-button:not([disabled])');
            await page.keyboard.press(key);
            await page.waitForTimeout(50);
          }
          const r = await result();
          assert.match(r.headline, /^(You won!|You lost|Draw)$/);
        }
        await start('matrix', 'tft', { turns: 2, cheapTalk: true });
        await page.waitForSelector('input.talk-text');
        await page.fill('input.talk-text', 'let us both cooperate');
        await page.keyboard.press('Enter');
        await page.waitForSelector('button.move-button[data-action="C"]:not([disabled])');
        await accessible(page, 'dilemma move');
        await shot('dilemma');
        await tap('button.move-button[data-action="C"]');
        await page.waitForSelector('input.talk-text');
        assert.match((await page.textContent('.talk-log'))!, /you: let us both cooperate/);
        await tap('button.say-nothing');
        await page.waitForSelector('button.move-button[data-action="D"]:not([disabled])');
        await tap('button.move-button[data-action="D"]');
        const r = await result();
        assert.match(r.box, /you 8 · tft 3/, 'C then D against tft: 3 + 5 against 3 + 0');
        await fits();
      });

      it('public goods: a contribution over the endowment is refused inline with the controls live and the clock running; the slider, quick buttons and punishment play the rest', async () => {
        await start('public-goods', 'conditional-cooperator', { rounds: 2, players: 3, punishment: true });
        await page.waitForSelector('#contribution-amount');
        await page.fill('#contribution-amount', '25');
        await tap('button.contribute');
        await page.waitForSelector('.inline-error:not([hidden])');
        assert.match((await page.textContent('.inline-error'))!, /cannot exceed the endowment 20 \(got 25\)/);
        assert.equal(
          await page.$eval('button.contribute', (b) => (b as HTMLButtonElement).disabled),
          false,
          'the controls are live',
        );
        assert.match((await page.textContent('.status'))!, /not accepted.*clock is still running/);
        const a = await page.textContent('.clock-text');
        await page.waitForTimeout(1200);
        assert.notEqual(await page.textContent('.clock-text'), a, 'the clock keeps running after a refusal');
        await accessible(page, 'public goods');
        await shot('public-goods');
        // The slider and the box move together.
        await page.$eval('input.contribution-slider', (s) => {
          (s as HTMLInputElement).value = '12';
          s.dispatchEvent(new Event('input', { bubbles: true }));
        });
        assert.equal(await page.inputValue('#contribution-amount'), '12');
        await tap('button.contribute');
        for (let round = 0; round < 4; round++) {
          const next = await page.waitForSelector(
            'button.punish-none:not([disabled]), button.quick[data-amount="20"]:not([disabled]), .result-box h2',
            { timeout: 30_000 },
          );
          if (await page.$('.result-box h2')) break;
          if ((await next.getAttribute('class'))!.includes('punish-none')) {
            await page.fill('input.punish-points', '1');
            await tap('button.punish-send');
          } else await tap('button.quick[data-amount="20"]');
        }
        const r = await result();
        assert.match(r.headline, /^You finished (joint )?\d(st|nd|rd) of 3 with -?\d+(\.\d{1,2})?$/, r.headline);
        assert.match(r.box, /All rounds were played/);
        await fits();
      });

      it('sequential public goods by the quick buttons', async () => {
        await start('sequential-public-goods', 'conditional-cooperator', { rounds: 2, players: 2 });
        for (let i = 0; i < 2; i++) {
          await page.waitForSelector('button.quick[data-amount="0"]:not([disabled])');
          await tap('button.quick[data-amount="0"]');
        }
        const r = await result();
        assert.match(r.headline, /^You finished/);
      });

      it('trust-and-split: the hand is told in the message box, the agent answers in the log, claims by buttons; two honest players reach the efficient split', async () => {
        await start('trust-and-split', 'trusting', { rounds: 2 }, 0);
        const BEATS: Record<string, string> = { rock: 'scissors', paper: 'rock', scissors: 'paper' };
        const handIn = (text: string) => /(rock|paper|scissors)/.exec(text)?.[1];
        let talked = 0;
        let claimed = 0;
        for (let i = 0; i < 8; i++) {
          const next = await page.waitForSelector(
            'textarea.talk-text:not([disabled]), button.claim-button:not([disabled]), .result-box h2',
            { timeout: 30_000 },
          );
          if (await page.$('.result-box h2')) break;
          const mine = handIn((await page.textContent('.turn-controls'))!)!;
          if ((await next.evaluate((e) => e.tagName)) === 'TEXTAREA') {
            if (talked === 0) {
              await page.fill('textarea.talk-text', 'x'.repeat(600));
              assert.equal((await page.inputValue('textarea.talk-text')).length, 500, 'the box holds at most 500');
              assert.match((await page.textContent('.talk-count'))!, /500 \/ 500/);
              await accessible(page, 'trust-and-split talk');
            }
            await page.fill('textarea.talk-text', `My hand is ${mine}.`);
            if (talked === 1) await shot('trust-and-split');
            await page.keyboard.press('Enter');
            talked++;
          } else {
            // The agent spoke this round already (it speaks once a round, before the claims): its last line names its hand.
            const lines = await page.$$eval('.talk-log li', (ls) => ls.map((l) => l.textContent ?? ''));
            const theirs = handIn(lines.filter((l) => l.includes('trusting:')).pop()!)!;
            if (claimed === 0) await accessible(page, 'trust-and-split claims');
            await tap(`button.claim-button[data-claim="${BEATS[mine] === theirs ? 10 : 0}"]`);
            claimed++;
          }
          await page.waitForTimeout(50);
        }
        assert.equal(talked, 2);
        assert.equal(claimed, 2);
        const r = await result();
        const [, a, b] = /you ([\d.]+) · trusting ([\d.]+)/.exec(r.box)!;
        assert.equal(Number(a) + Number(b), 200, `every coin went to the higher value: ${r.box}`);
        assert.match(r.box, /All rounds were played/);
        await fits();
      });

      it('a whole VGC-lite battle by clicking: team preview, moves with descriptions and effectiveness, targets and switches, to the end', async () => {
        await start('vgc', 'random', vp.touch ? { turnCap: 6 } : {});
        await page.waitForSelector('.preview-mon');
        assert.match((await page.textContent('.bring-summary'))!, /Pick 4 of your 6/);
        assert.equal(await page.$$eval('.preview-mon', (b) => b.length), 6);
        assert.equal(await page.$$eval('.foe-preview li', (b) => b.length), 6, 'their six are shown with their types');
        await accessible(page, 'team preview');
        await shot('vgc-preview');
        for (const i of [3, 1, 6, 2]) await tap(`.preview-mon[data-index="${i}"]`);
        assert.equal(await page.textContent('.preview-mon[data-index="3"] .pick-order'), 'lead 1');
        assert.equal(await page.textContent('.preview-mon[data-index="2"] .pick-order'), 'back 2');
        await tap('button.bring-confirm');

        // The first turn: every active slot offers its four moves with facts, a description and a hint per foe.
        await page.waitForSelector('.vgc-move[data-slot="a"]');
        const moves = await page.$$eval('.vgc-move[data-slot="a"]', (bs) =>
          bs.map((b) => ({
            facts: b.querySelector('.move-facts')?.textContent ?? '',
            desc: b.querySelector('.move-desc')?.textContent ?? '',
          })),
        );
        assert.equal(moves.length, 4);
        for (const m of moves) {
          assert.match(
            m.facts,
            /^(Normal|Fire|Water|Electric|Grass|Ice|Fighting|Poison|Ground|Flying|Psychic|Bug|Rock|Ghost|Dragon|Dark|Steel|Fairy) (physical|special|status)/,
          );
          assert.ok(m.desc.length > 10, m.desc);
        }
        assert.ok((await page.$$('.vgc-move .effect')).length > 0, 'effectiveness against the visible foes');
        assert.match((await page.textContent('.battle-log'))!, /You sent out/);
        await accessible(page, 'battle turn');
        await shot('vgc-turn');
        let clicks = 0;
        let targets = 0;
        for (;;) {
          const next = await page.waitForSelector(
            '.vgc-target, .vgc-move:not([disabled]), .vgc-switch:not([disabled]), .result-box h2',
            { timeout: 60_000 },
          );
          if (await page.$('.result-box h2')) break;
          const cls = (await next.getAttribute('class'))!;
          if (cls.includes('vgc-target')) {
            targets++;
            if (targets === 1) {
              assert.match((await page.textContent('.target-row'))!, /Foe 1|Foe 2|Ally/);
              await shot('vgc-target');
            }
            // Aim at a foe when one is offered.
            const foe = (await page.$('.vgc-target[data-target^="foe"]')) ?? next;
            await (vp.touch ? foe.tap() : foe.click());
          } else {
            // Prefer a damaging move (it has an effectiveness hint); else whatever is offered.
            const hit =
              (await page.$('.vgc-move:not([disabled]):has(.effect.super)')) ??
              (await page.$('.vgc-move:not([disabled]):has(.effect)')) ??
              next;
            await (vp.touch ? hit.tap() : hit.click());
          }
          clicks++;
          assert.ok(clicks < 600, 'the battle ends');
        }
        assert.ok(targets > 0, 'the target picker was used');
        const r = await result();
        assert.match(r.headline, /^(You won!|You lost|Draw)$/);
        assert.match(r.box, /creatures fainted|turn limit/);
        await page.waitForTimeout(300);
        await fits();
        await shot('vgc-result');
        assert.deepEqual(errors, []);
      });

      it(`sumo: a 3-2-1 countdown, then ${vp.touch ? 'the on-screen pad by touch' : 'the arrow keys'} steer the robot; the ring fits; the end is told in words, never a draw for a ring-out`, async () => {
        await start('sumo', 'rusher', { maxSteps: 80 });
        await page.waitForSelector('.countdown:not([hidden])');
        assert.match((await page.textContent('.countdown'))!, /^[123]$/);
        assert.match((await page.textContent('.status'))!, /The bout starts in [123]/);
        const ring = await page.$eval('canvas.sumo-canvas', (c) => c.getBoundingClientRect().width);
        assert.ok(ring > 200 && ring <= vp.width - 20, `the ring fits (${ring}px)`);
        await accessible(page, 'sumo');
        await shot('sumo');
        await page.waitForSelector('.countdown[hidden]', { timeout: 10_000 });
        let pushed = false;
        while (!(await page.$('.result-box h2'))) {
          if (vp.touch) {
            const b = (await page.$('.pad-up'))?.boundingBox();
            const box = await b;
            if (box) {
              await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
              pushed ||= (await page.textContent('.sumo-action'))!.startsWith('thrust 1');
            }
          } else {
            await page.keyboard.down('ArrowUp');
            pushed ||= (await page.textContent('.sumo-action'))!.startsWith('thrust 1');
          }
          await page.waitForTimeout(100);
        }
        if (!vp.touch) await page.keyboard.up('ArrowUp');
        assert.ok(pushed, `the ${vp.touch ? 'pad' : 'keys'} drive the robot`);
        const r = await result();
        if (/left the ring/.test(r.box)) assert.notEqual(r.headline, 'Draw', r.box);
        assert.match(r.box, /ring|bout/);
        await fits();
      });

      it('a clock low on time turns red and says so (the page clock run forward)', async () => {
        const low = await context.newPage();
        await low.clock.install();
        await low.goto(`${arena.url}/#/play?game=ipd&opponent=tft`);
        await low.waitForSelector('button.start:not([disabled])');
        await low.click('button.start');
        await low.waitForSelector('button.move-button');
        await low.clock.fastForward(30_000 + 145_000);
        await low.waitForSelector('.clock.low');
        assert.match((await low.textContent('.clock-text'))!, /^Using your bank: \d\.\d s left$/);
        assert.match((await low.textContent('.clock [role=status]'))!, /Low time/);
        await low.close();
      });

      it('leaving a match asks first; resign asks too, and ends the match as a loss in words', async () => {
        await start('ipd', 'tft', { turns: 5 });
        await page.waitForSelector('button.move-button');
        if (vp.touch) await page.tap('nav button.menu-toggle');
        await page.click('nav a[href="#/live"]');
        await page.waitForSelector('dialog.confirm[open]');
        assert.match((await page.textContent('dialog.confirm'))!, /Leave this match\?.*clock keeps running/);
        await accessible(page, 'leave warning');
        await page.click('dialog.confirm button.dialog-cancel');
        await page.waitForSelector('dialog.confirm', { state: 'detached' });
        assert.match(page.url(), /#\/play\/m_/, 'stayed on the match');
        assert.ok(await page.$('button.move-button:not([disabled])'), 'and can still play');
        await tap('button.resign');
        await page.waitForSelector('dialog.confirm[open]');
        assert.match((await page.textContent('dialog.confirm'))!, /Resign\?/);
        await page.click('dialog.confirm button.dialog-ok');
        const r = await result();
        assert.equal(r.headline, 'You lost');
        assert.match(r.box, /You resigned\./);
        // Over: the menu leaves without asking.
        if (vp.touch) await page.tap('nav button.menu-toggle');
        await page.click('nav a[href="#/live"]');
        await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Live matches');
        assert.deepEqual(errors, []);
      });
    });
  }
});
