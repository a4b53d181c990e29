/**
 * Ludus is MIT: every runtime dependency (each package in package-lock.json not marked `dev`) must
 * carry a licence an MIT project can ship with. A copyleft one (GPL, AGPL, LGPL, SSPL, …) fails
 * here with its name; tournament-pairings (GPL-3.0-or-later) was replaced for this reason.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';

const root = resolve(import.meta.dirname, '..');

/** SPDX ids that are permissive (compatible with distributing an MIT project). */
const PERMISSIVE = new Set([
  'MIT',
  'ISC',
  'BSD-2-Clause',
  'BSD-3-Clause',
  '0BSD',
  'Apache-2.0',
  'Apache-2',
  'Unlicense',
  'Python-2.0',
  'CC0-1.0',
  'BlueOak-1.0.0',
  'Zlib',
]);

/** True when an SPDX expression allows MIT distribution: one permissive side of an OR, every side of an AND. */
export function permissive(expr: string): boolean {
  const e = expr.replace(/[()]/g, ' ').trim();
  if (/\sOR\s/.test(e)) return e.split(/\s+OR\s+/).some((x) => permissive(x));
  return e.split(/\s+AND\s+/).every((x) => PERMISSIVE.has(x.trim()));
}

function licenceOf(path: string, entry: { license?: unknown }): string | undefined {
  if (typeof entry.license === 'string') return entry.license;
  const file = join(root, path, 'package.json');
  if (!existsSync(file)) return undefined;
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { license?: string; licenses?: { type: string }[] };
  return pkg.license ?? pkg.licenses?.map((l) => l.type).join(' OR ');
}

describe('licences', () => {
  it('reads SPDX expressions right', () => {
    assert.equal(permissive('MIT'), true);
    assert.equal(permissive('(MIT OR CC0-1.0)'), true);
    assert.equal(permissive('Apache-2.0 AND MIT'), true);
    assert.equal(permissive('GPL-3.0-or-later'), false);
    assert.equal(permissive('MIT AND GPL-2.0-only'), false);
    assert.equal(permissive('LGPL-3.0'), false);
  });

  it('every runtime dependency has a permissive licence', () => {
    const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean; license?: unknown }>;
    };
    const bad: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      if (path === '' || entry.dev) continue;
      const licence = licenceOf(path, entry);
      if (licence === undefined || !permissive(licence)) bad.push(`${path}: ${licence ?? 'no licence'}`);
    }
    assert.deepEqual(bad, []);
  });
});
