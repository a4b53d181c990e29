/**
 * The layering of the repository, enforced: every import of every source file is checked against the
 * table in test/support/architecture.ts (engines import nothing above them, agents never the server,
 * the store and live play never the API, the SDK and the example bots stand alone, nothing imports the
 * tests). A new violating import fails here with the file, the line and the rule.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { checkFile, checkRepository, describeViolation, importsOf, ruleFor } from './support/architecture.ts';

const root = resolve(import.meta.dirname, '..');

describe('architecture', () => {
  it('no source file imports what its layer may not', () => {
    const violations = checkRepository(root);
    assert.deepEqual(violations.map(describeViolation), []);
  });

  it('fails on a violating import added to the tree (a temporary file in games/core)', () => {
    const file = `games/core/arch-probe-${process.pid}.ts`;
    writeFileSync(
      join(root, file),
      "import { ArenaError } from '../../server/errors.ts';\nexport const x = ArenaError;\n",
    );
    try {
      const found = checkRepository(root).filter((v) => v.file === file);
      assert.equal(found.length, 1);
      assert.match(
        describeViolation(found[0]!),
        /games\/core\/arch-probe-\d+\.ts:1 imports server\/errors\.ts, which games\/core\/ may not import/,
      );
    } finally {
      rmSync(join(root, file), { force: true });
    }
  });

  it('tells runtime imports from type-only ones, and allows the named type-only exceptions only', () => {
    const runtime = "import { ARENA_PROTOCOL } from '../../server/live/protocol.ts';\n";
    const typeOnly = "import type { ServerMessage } from '../../server/live/protocol.ts';\n";
    const allTypeNames = "import { type ServerMessage, type ClientMessage } from '../../server/live/protocol.ts';\n";
    assert.equal(checkFile(root, 'agents/client/x.ts', runtime).length, 1, 'the SDK may not load server code');
    assert.equal(checkFile(root, 'agents/client/x.ts', typeOnly).length, 0);
    assert.equal(checkFile(root, 'agents/client/x.ts', allTypeNames).length, 0);
    assert.equal(checkFile(root, 'agents/dilemmas/x.ts', typeOnly).length, 1, 'no type exception there');
    assert.deepEqual(
      importsOf(
        'x.ts',
        "const m = await import('../a.ts');\nexport type { T } from './b.ts';\nlet y: import('./c.ts').C;",
      ).map((i) => [i.spec, i.typeOnly]),
      [
        ['../a.ts', false],
        ['./b.ts', true],
        ['./c.ts', true],
      ],
    );
  });

  it('engines do no I/O: games/ may not import node built-ins', () => {
    assert.equal(checkFile(root, 'games/vgc/x.ts', "import { readFileSync } from 'node:fs';\n").length, 1);
  });

  it('the most specific rule applies (agents/dilemmas/analysis/ over agents/dilemmas/)', () => {
    assert.equal(ruleFor('agents/dilemmas/analysis/markov.ts')![0], 'agents/dilemmas/analysis/');
    assert.equal(ruleFor('agents/dilemmas/strategy.ts')![0], 'agents/dilemmas/');
    assert.equal(ruleFor('test/x.test.ts'), undefined, 'tests may import anything');
  });

  it('cites nothing outside the repository: no file points at the shared folder beside the clone (the references are docs/references.md)', () => {
    const files = execFileSync('git', ['ls-files'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter((f) => /\.(ts|md|mjs|js|json|sql|py|html|css)$/.test(f));
    // Spelled in pieces so that this file does not match itself.
    const outside = [['..', 'shared', ''].join('/'), ['', 'work', 'shared'].join('/')];
    const hits = files.filter(
      (f) => !f.endsWith('package-lock.json') && outside.some((o) => readFileSync(join(root, f), 'utf8').includes(o)),
    );
    assert.deepEqual(hits, []);
  });
});
