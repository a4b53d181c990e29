/**
 * Rewrites the error tables of docs/protocol.md and docs/api.md from server/errors.ts (the one vocabulary),
 * between `<!-- errors:begin -->` and `<!-- errors:end -->`. test/server/errors.test.ts fails when they differ.
 * Usage: node --import tsx scripts/docs-errors.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { errorTable } from '../server/errors.ts';

const BEGIN = '<!-- errors:begin -->';
const END = '<!-- errors:end -->';
for (const file of ['docs/protocol.md', 'docs/api.md']) {
  const path = new URL(`../${file}`, import.meta.url);
  const text = readFileSync(path, 'utf8');
  const a = text.indexOf(BEGIN);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`${file}: no ${BEGIN} … ${END} block`);
  writeFileSync(path, text.slice(0, a + BEGIN.length) + '\n' + errorTable() + '\n' + text.slice(b));
  console.log(`${file}: error table written`);
}
