/**
 * `npm run bench [-- <filter>...] [--json]`: runs every bench whose name (or file) contains one of
 * the filters. Text output for people; with --json one object per line:
 * {"name","value","unit","baseline"?,"baselineValue"?,"ratio"?}. Each bench file runs in a child
 * process of its own.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bench, Measurement } from './harness.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const filters = args.filter((a) => !a.startsWith('--'));
const dir = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();

const statusLine = (text: string) => {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${text}`);
  else process.stderr.write(`${text}\n`);
};

function print(m: Measurement) {
  if (json) {
    const { goal: _goal, ...rest } = m;
    process.stdout.write(JSON.stringify(rest) + '\n');
    return;
  }
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
  const fmt = (v: number) => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toPrecision(3));
  let line = `${m.name.padEnd(48)} ${fmt(m.value).padStart(14)} ${m.unit}`;
  if (m.baseline !== undefined && m.baselineValue !== undefined)
    line += `   vs ${m.baseline}: ${fmt(m.baselineValue)} ${m.unit}`;
  if (m.ratio !== undefined) line += `   ratio ${m.ratio.toFixed(2)}×`;
  if (m.goal) line += `   (goal ${m.goal})`;
  process.stdout.write(line + '\n');
}

/** Exit code of a child that found no bench matching the filters in its file. */
const NONE_MATCHED = 10;

const only = args.find((a) => a.startsWith('--file='))?.slice('--file='.length);
if (only !== undefined) {
  // A child: run the matching benches of one file.
  let ran = 0;
  const mod = (await import(join(dir, only))) as { default: Bench[] };
  for (const bench of mod.default) {
    const hay = `${only} ${bench.name}`;
    if (filters.length && !filters.some((f) => hay.includes(f))) continue;
    ran++;
    statusLine(`» ${bench.name} …`);
    await bench.run({ report: print, status: (t) => statusLine(`» ${bench.name}: ${t}`) });
  }
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
  process.exit(ran === 0 ? NONE_MATCHED : 0);
} else {
  // The parent: one child process per bench file, so that no bench runs on a heap (or a JIT, or a
  // GC workload) left behind by another one; e.g. the VGC bench loads all of Showdown's data.
  let ran = 0;
  let failed = 0;
  for (const file of files) {
    const code = await new Promise<number>((resolve) => {
      const child = spawn(
        process.execPath,
        [...process.execArgv, fileURLToPath(import.meta.url), `--file=${file}`, ...args],
        { stdio: 'inherit' },
      );
      child.on('exit', (c) => resolve(c ?? 1));
    });
    if (code === 0) ran++;
    else if (code !== NONE_MATCHED) {
      failed++;
      process.stderr.write(`bench ${file} failed (exit ${code})\n`);
    }
  }
  if (ran === 0 && failed === 0) process.stderr.write(`no bench matches ${filters.join(', ')}\n`);
  if (ran === 0 || failed > 0) process.exitCode = 1;
}
