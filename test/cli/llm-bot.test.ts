/**
 * `ludus llm-bot` refuses bad input before it connects anywhere: one line on stderr, exit code 2
 * (test/server/llm-bot.test.ts plays it end to end).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { USAGE_EXIT_CODE } from '../../cli/program.ts';

const bin = fileURLToPath(new URL('../../bin/ludus.js', import.meta.url));

function run(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { timeout: 60_000, env: { ...process.env, LUDUS_TOKEN: '' } },
      (err, _o, stderr) => resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stderr }),
    );
  });
}

describe('ludus llm-bot usage errors', () => {
  it('a non-http endpoint, an unknown game, a missing token and a bad attempt count are one line and exit code 2', async () => {
    const base = ['llm-bot', '--model', 'm', '--url', 'ws://127.0.0.1:9/bot'];
    const cases: [string, string[], RegExp][] = [
      ['ftp endpoint', [...base, '--endpoint', 'ftp://x', '--game', 'ipd', '--token', 't'], /http\(s\) URL/],
      ['unknown game', [...base, '--endpoint', 'http://127.0.0.1:9/v1', '--game', 'chess', '--token', 't'], /chess/],
      ['no token', [...base, '--endpoint', 'http://127.0.0.1:9/v1', '--game', 'ipd'], /--token/],
      [
        'zero attempts',
        [...base, '--endpoint', 'http://127.0.0.1:9/v1', '--game', 'ipd', '--token', 't', '--max-attempts', '0'],
        /max-attempts/,
      ],
    ];
    const results = await Promise.all(cases.map(([, args]) => run(args)));
    results.forEach((r, i) => {
      const [what, , message] = cases[i]!;
      assert.equal(r.code, USAGE_EXIT_CODE, `${what}: ${r.stderr}`);
      const lines = r.stderr.split('\n').filter((l) => l.trim());
      assert.equal(lines.length, 1, `${what}: ${r.stderr}`);
      assert.match(lines[0]!, /^ludus: /);
      assert.match(lines[0]!, message, what);
    });
  });
});
