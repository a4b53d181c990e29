/**
 * `npm run bench [-- <filter>...] [--json]`: runs every bench whose name (or file) contains one of
 * the filters. Text output for people; with --json one object per line:
 * {"name","value","unit","baseline"?,"baselineValue"?,"ratio"?}.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Bench, Measurement } from './harness.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const filters = args.filter((a) => !a.startsWith('--'));
const dir = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.bench.ts')).sort();

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
  if (m.baseline !== undefined && m.baselineValue !== undefined) line += `   vs ${m.baseline}: ${fmt(m.baselineValue)} ${m.unit}`;
  if (m.ratio !== undefined) line += `   ratio ${m.ratio.toFixed(2)}×`;
  if (m.goal) line += `   (goal ${m.goal})`;
  process.stdout.write(line + '\n');
}

let ran = 0;
for (const file of files) {
  const mod = (await import(join(dir, file))) as { default: Bench[] };
  for (const bench of mod.default) {
    const hay = `${file} ${bench.name}`;
    if (filters.length && !filters.some((f) => hay.includes(f))) continue;
    ran++;
    statusLine(`» ${bench.name} …`);
    await bench.run({ report: print, status: (t) => statusLine(`» ${bench.name}: ${t}`) });
  }
}
if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
if (ran === 0) {
  process.stderr.write(`no bench matches ${filters.join(', ')}\n`);
  process.exitCode = 1;
}
