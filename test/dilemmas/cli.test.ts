/** The dilemma commands end to end through bin/ludus.js: bad input is one clear line and exit 2; --json is parseable. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { describe, it } from 'node:test';

const root = new URL('../../', import.meta.url).pathname;

function ludus(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, ['bin/ludus.js', ...args], {
      cwd: root,
      env: { ...process.env, LUDUS_PROGRESS: '0' },
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('ludus dilemma commands', () => {
  it('reject bad input with exit code 2 and a single clear line', async () => {
    const cases: [string[], RegExp][] = [
      [['analyze', 'ipd', '--strategy', 'nosuch'], /UNKNOWN_AGENT: unknown agent "nosuch"/],
      [
        ['tournament', '--game', 'ipd', '--set', 'payoffs={"R":3,"S":0,"T":2,"P":1}'],
        /BAD_CONFIG: .*not a prisoner's dilemma/,
      ],
      [['tournament', '--game', 'ipd', '--noise', '1.5'], /--noise must be at most 1/],
    ];
    const runs = await Promise.all(cases.map(([args]) => ludus(...args)));
    runs.forEach((r, i) => {
      assert.equal(r.code, 2, `${cases[i]![0].join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, cases[i]![1]);
      assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    });
  });

  it('tournament --json and analyze --json print machine-readable results', async () => {
    const [t, a] = await Promise.all([
      ludus(
        'tournament',
        '--game',
        'ipd',
        '--agents',
        'tft,alld,wsls',
        '--turns',
        '20',
        '--repetitions',
        '2',
        '--json',
      ),
      ludus('analyze', 'ipd', '--strategy', 'tft', '--against', 'allc,alld', '--json'),
    ]);
    assert.equal(t.code, 0, t.stderr);
    const tj = JSON.parse(t.stdout);
    assert.equal(tj.lines.length, 3);
    assert.equal(a.code, 0, a.stderr);
    const aj = JSON.parse(a.stdout);
    assert.deepEqual(
      aj.against.map((r: { opponent: string }) => r.opponent),
      ['allc', 'alld'],
    );
    assert.equal(aj.exploitability.method, 'exact');
  });
});
