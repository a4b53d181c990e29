/**
 * The CLI's promise (README): bad input prints ONE line on stderr and exits with code 2, for every
 * command and subcommand, whether commander refuses the command line or the command refuses a value.
 * The commands are read from the program itself, so a command added later is checked too.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { buildProgram, USAGE_EXIT_CODE } from '../../cli/program.ts';

const bin = fileURLToPath(new URL('../../bin/ludus.js', import.meta.url));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Every runnable command path, e.g. ['analyze', 'public-goods']. */
function leaves(cmd: Command, path: string[] = []): string[][] {
  if (cmd.commands.length === 0) return [path];
  return cmd.commands.flatMap((c) => leaves(c, [...path, c.name()]));
}

/** Run `fn` over items, at most `n` at a time. */
async function pool<T, R>(items: T[], n: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

function assertOneLine(r: { code: number; stderr: string }, what: string) {
  assert.equal(r.code, USAGE_EXIT_CODE, `${what}: exit code ${r.code}, stderr: ${r.stderr}`);
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
  assert.equal(lines.length, 1, `${what}: expected one line on stderr, got:\n${r.stderr}`);
  assert.match(lines[0]!, /^ludus: /, what);
}

describe('ludus usage errors', () => {
  const commands = leaves(buildProgram()).filter((p) => p.length > 0);

  it('finds the commands to check', () => {
    assert.ok(commands.length >= 10, `only ${commands.length} commands found`);
    assert.ok(
      commands.some((p) => p.join(' ') === 'analyze public-goods'),
      'nested subcommands are walked',
    );
  });

  it('an unknown option on every command and subcommand is one line on stderr and exit code 2', async () => {
    const results = await pool(commands, 2, (p) => run([...p, '--no-such-option-here']));
    results.forEach((r, i) => assertOneLine(r, `ludus ${commands[i]!.join(' ')}`));
  });

  it('an unknown command, a missing required option and a refused value are one line and exit code 2 too', async () => {
    assertOneLine(await run(['no-such-command']), 'unknown command');
    assertOneLine(await run(['play']), 'play without --game');
    assertOneLine(await run(['play', '--game', 'no-such-game']), 'play with an unknown game');
  });

  it('--help and --version exit 0 with their text on stdout', async () => {
    const help = await run(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: ludus/);
    const version = await run(['--version']);
    assert.equal(version.code, 0);
    assert.match(version.stdout, /^\d+\.\d+\.\d+/);
  });
});
