import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = new URL('../..', import.meta.url).pathname;
const ludus = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin/ludus.js'), 'teams', ...args], { encoding: 'utf8', cwd: root });

describe('ludus teams', () => {
  it('validates a JSON file: every error on stderr and exit code 2; seeded samples come back valid', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ludus-teams-'));
    const sample = ludus('--sample', '2', '--seed', '9', '--json');
    assert.equal(sample.status, 0, sample.stderr);
    const teams = JSON.parse(sample.stdout).teams;
    assert.equal(teams.length, 2);
    teams[1][0].moves[0] = 'no-such-move';
    teams[1][1].species = teams[1][0].species;
    const file = join(dir, 'teams.json');
    writeFileSync(file, JSON.stringify({ teams }));
    const r = ludus('--file', file, '--validate');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /team 1: .*unknown move "no-such-move"/);
    assert.match(r.stderr, /team 1: .*duplicate species/);
    assert.doesNotMatch(r.stderr, /team 0:/);
  });
});
