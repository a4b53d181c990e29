/**
 * The CLI over the public goods games. `ludus analyze public-goods` runs in-process on a fresh
 * commander program (spawning the whole CLI costs seconds per call); one spawn of the real binary
 * checks `play` end to end, and one checks that a typed error becomes exit code 2.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { Command } from 'commander';
import { registerAnalyzePublicGoods } from '../../cli/commands/analyze-public-goods.ts';

const root = new URL('../..', import.meta.url).pathname;

function ludus(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/ludus.js', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, LUDUS_PROGRESS: '0' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Run `analyze public-goods …` in-process; returns stdout, stderr and the exit code guard() set. */
async function analyze(...args: string[]) {
  const program = new Command().exitOverride();
  registerAnalyzePublicGoods(program);
  let stdout = '';
  let stderr = '';
  const [out, err] = [process.stdout.write, process.stderr.write];
  process.stdout.write = ((s: string) => ((stdout += s), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => ((stderr += s), true)) as typeof process.stderr.write;
  const before = process.exitCode;
  try {
    await program.parseAsync(['node', 'ludus', 'analyze', 'public-goods', ...args]);
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  const code = process.exitCode ?? 0;
  process.exitCode = before;
  return { code, stdout, stderr };
}

describe('ludus analyze public-goods', () => {
  it('prints the dominant free-riding Nash and the full-contribution optimum', async () => {
    const r = await analyze('--players', '4', '--mpcr', '0.4', '--json');
    assert.equal(r.code, 0, r.stderr);
    const a = JSON.parse(r.stdout);
    assert.deepEqual(
      [a.nash.contribution, a.nash.dominant, a.socialOptimum.contribution, a.dilemma],
      [0, true, 20, true],
    );
    const text = await analyze('--players', '4');
    assert.match(text.stdout, /Nash equilibrium \(dominant\)/);
  });

  it('--sequential reports a unique full-contribution SPE for mac-spgg, checked through the engine', async () => {
    const r = await analyze('--sequential', '--preset', 'mac-spgg', '--players', '3', '--endowment', '10', '--json');
    assert.equal(r.code, 0, r.stderr);
    const a = JSON.parse(r.stdout);
    assert.deepEqual(a.spe.stagePath, [10, 10, 10]);
    assert.equal(a.spe.unique, true);
    assert.equal(a.engineCheck.matches, true);
    const text = await analyze('--sequential', '--preset', 'linear', '--players', '3', '--endowment', '5');
    assert.match(text.stdout, /SPE path \(one round, in move order\): 0 → 0 → 0/);
    assert.match(text.stdout, /Unique SPE: yes/);
  });

  it('turns bad input into one typed line on stderr and exit code 2', async () => {
    for (const args of [
      ['--mpcr', '5'],
      ['--sequential', '--players', '9'],
      ['--sequential', '--contributions', 'continuous'],
      ['--players', '1'],
    ]) {
      const r = await analyze(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr.trim(), /^ludus: BAD_CONFIG: [^\n]+$/, args.join(' '));
    }
    const usage = await analyze('--preset', 'mac-spgg');
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /applies to --sequential only/);
  });
});

describe('ludus binary on public goods', () => {
  it('plays baselines in a 4-player game with --json, and exits 2 on a bad config', () => {
    const r = ludus(
      'play',
      '--game',
      'public-goods',
      '--agents',
      'conditional-cooperator,free-rider',
      '--players',
      '4',
      '--matches',
      '6',
      '--json',
    );
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    const byAgent = Object.fromEntries(
      out.lines.map((l: { agent: string; meanReturn: { estimate: number } }) => [l.agent, l.meanReturn.estimate]),
    );
    assert.ok(
      byAgent['free-rider'] > byAgent['conditional-cooperator'],
      'free-riding pays more than matching the group',
    );
    const bad = ludus('play', '--game', 'public-goods', '--agents', 'free-rider', '--set', 'mpcr=0');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr.trim(), /^ludus: BAD_CONFIG: [^\n]+$/);
  });
});
