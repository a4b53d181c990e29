/** The one error vocabulary: the kernel's codes are part of it, and both documents print it exactly. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { GAME_ERROR_CODES } from '../../games/core/errors.ts';
import { ERROR_CODES, ERRORS, errorTable } from '../../server/errors.ts';

describe('error vocabulary', () => {
  it('includes every code the game kernel throws, with one HTTP status each', () => {
    for (const c of GAME_ERROR_CODES) assert.ok(ERROR_CODES.includes(c), c);
    for (const c of ERROR_CODES) assert.ok(ERRORS[c].status >= 400 && ERRORS[c].status < 600, c);
  });

  for (const doc of ['docs/protocol.md', 'docs/api.md']) {
    it(`${doc} prints the table of server/errors.ts (run scripts/docs-errors.ts after a change)`, () => {
      const text = readFileSync(new URL(`../../${doc}`, import.meta.url), 'utf8');
      const block = text
        .slice(
          text.indexOf('<!-- errors:begin -->') + '<!-- errors:begin -->'.length,
          text.indexOf('<!-- errors:end -->'),
        )
        .trim();
      assert.equal(block, errorTable());
    });
  }
});
