#!/usr/bin/env node
// `npm test`: the format and lint check (Biome), the type-check, then every test/**/*.test.ts with Node's
// built-in runner (via tsx).
// Usage: npm test [-- <substring filter on file paths>]
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { availableParallelism } from 'node:os';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.test.ts') ? [p] : [];
  });
}

const files = walk(join(root, 'test'))
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

if (filters.length === 0) {
  // Formatting and lint first (Biome, biome.json): `npm run format` fixes the formatting, `npm run lint` lists findings.
  console.log('» format and lint check (biome ci)');
  const biome = spawnSync(join(root, 'node_modules/.bin/biome'), ['ci', '.', '--diagnostic-level=error'], {
    stdio: 'inherit',
    cwd: root,
  });
  if (biome.status !== 0) {
    console.error('biome: run `npm run format` to format the tree, and fix the lint errors it lists');
    process.exit(biome.status ?? 1);
  }
  console.log('» type-check (tsc --noEmit)');
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', root], {
    stdio: 'inherit',
    cwd: root,
  });
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}

console.log(`» ${files.length} test files`);
const concurrency = Math.max(1, Math.min(2, availableParallelism()));
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
  { stdio: 'inherit', cwd: root, env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(r.status ?? 1);
