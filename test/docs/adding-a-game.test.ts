/**
 * docs/adding-a-game.md cannot rot: its code blocks marked with a file name (```ts file=<path>) are
 * extracted, written to a scratch copy of those paths inside the repository (so that packages and the
 * rest of the code resolve as they would for a reader), imported, and held to the conformance suite
 * and to the rules the page states.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  GameError,
  parseConfig,
  playMatch,
  stepChecked,
  validateAction,
  type AnyGame,
} from '../../games/core/index.ts';
import { instantiate, getAgent } from '../../agents/registry.ts';
import type { AgentSpec } from '../../agents/core/agent.ts';
import { conformance } from '../support/conformance.ts';

const root = resolve(import.meta.dirname, '../..');
const page = readFileSync(join(root, 'docs/adding-a-game.md'), 'utf8');

/** path → the page's blocks for that file, concatenated in page order. */
function blocks(markdown: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const m of markdown.matchAll(/^```ts file=(\S+)\n([\s\S]*?)^```$/gm)) {
    files.set(m[1]!, (files.get(m[1]!) ?? '') + m[2]!);
  }
  return files;
}

/** Write the page's files under `scratch`, pointing imports of anything else at the real repository. */
function materialise(files: Map<string, string>, scratch: string): void {
  for (const [path, code] of files) {
    const fixed = code.replace(/from '(\.{1,2}\/[^']+)'/g, (whole, spec: string) => {
      const target = relative(root, resolve(root, dirname(path), spec));
      return files.has(target) ? whole : `from '${pathToFileURL(join(root, target)).href}'`;
    });
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), fixed);
  }
}

const files = blocks(page);
const scratch = join(root, 'test', `.tutorial-${process.pid}`);
materialise(files, scratch);
after(() => rmSync(scratch, { recursive: true, force: true }));

const { nim } = (await import(pathToFileURL(join(scratch, 'games/nim/index.ts')).href)) as { nim: AnyGame };
const { nimOptimal } = (await import(pathToFileURL(join(scratch, 'agents/nim/optimal.ts')).href)) as {
  nimOptimal: AgentSpec;
};

describe('docs/adding-a-game.md', () => {
  it('has the engine and the baseline agent as named code blocks', () => {
    assert.deepEqual([...files.keys()].sort(), ['agents/nim/optimal.ts', 'games/nim/index.ts']);
  });

  it('defineGame fills the members the page says it fills', () => {
    const config = parseConfig(nim, {});
    assert.deepEqual(config, { pile: 21, maxTake: 3 });
    assert.deepEqual(nim.actionSpace(config), { kind: 'discrete', n: 3 });
    const s = nim.init(config, 1);
    assert.deepEqual([...nim.mask(s, 0)], [1, 1, 1]);
    assert.deepEqual(nim.defaultAction(s, 0), { take: 1 });
    assert.deepEqual(nim.parseAction('Take  2', s, 0), { take: 2 });
    assert.deepEqual(nim.parseAction('{"take":3}', s, 0), { take: 3 });
    assert.throws(
      () => nim.parseAction('grab all', s, 0),
      (e: unknown) => e instanceof GameError && e.code === 'PARSE' && /take 1/.test(e.message),
    );
    assert.throws(
      () => validateAction(nim, s, 0, { take: 4 }),
      (e: unknown) => e instanceof GameError && e.code === 'ILLEGAL_ACTION',
    );
    assert.throws(
      () => validateAction(nim, s, 0, { take: 'x' }),
      (e: unknown) => e instanceof GameError && e.code === 'SCHEMA',
    );
    assert.throws(
      () => stepChecked(nim, s, [undefined, { take: 1 }]),
      (e: unknown) => e instanceof GameError,
    );
    // Near the end, fewer stones than maxTake: the mask and the checks follow legal().
    const late = { ...nim.clone(s), pile: 2 };
    assert.deepEqual([...nim.mask(late, 0)], [1, 1, 0]);
    assert.throws(
      () => validateAction(nim, late, 0, { take: 3 }),
      (e: unknown) => e instanceof GameError && e.code === 'ILLEGAL_ACTION',
    );
    assert.equal(nim.isTerminal(s), false);
    assert.match(nim.render(nim.observe(s, 0)), /^21 stones left; take 1 to 3\. Seat 0 to move\.$/);
    const over = stepChecked(nim, { ...nim.clone(s), pile: 1 }, [{ take: 1 }]).state;
    assert.equal(nim.isTerminal(over), true);
    assert.match(nim.render(nim.observe(over, 'spectator')), /seat 0 took the last one and wins/);
  });

  it("the optimal agent wins every match it can win (21 stones, take 1–3: the first player's game)", () => {
    const random = getAgent('nim', 'random'); // the generic random agent, for any game that lists its legal actions
    for (let seed = 1; seed <= 20; seed++) {
      const rec = playMatch(nim, {}, seed, instantiate(nim, {}, seed, [nimOptimal, random]));
      assert.equal(rec.result.winner, 0, `seed ${seed}`);
      assert.deepEqual(rec.result.returns, [1, -1]);
    }
    // 20 stones is a multiple of 4: the first player loses against optimal play.
    const rec = playMatch(nim, { pile: 20 }, 1, instantiate(nim, { pile: 20 }, 1, [nimOptimal, nimOptimal]));
    assert.equal(rec.result.winner, 1);
  });
});

conformance(nim);
