/**
 * What PostgreSQL can hold: the definition in games/core/storable.ts, checked against an independent
 * statement of the same rule (a regular expression for NUL and unpaired surrogates) over random strings
 * that mix ASCII, astral characters, NULs and lone surrogate halves.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isStorable, storableString, unstorablePath } from '../../games/core/storable.ts';

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what the reference rule finds
const REFERENCE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const unit = fc.oneof(
  fc.constantFrom(
    '\u0000',
    '\ud800',
    '\udbff',
    '\udc00',
    '\udfff',
    '\ud83d\ude00',
    'a',
    'é',
    '\uffff',
    '\ud7ff',
    '\ue000',
  ),
  fc.string({ maxLength: 3 }),
);
const mixed = fc.array(unit, { maxLength: 12 }).map((parts) => parts.join(''));

describe('storable strings (what PostgreSQL text and jsonb accept)', () => {
  it('agrees with the reference rule on random strings with NULs and lone surrogates', () => {
    fc.assert(
      fc.property(mixed, (s) => storableString(s) === !REFERENCE.test(s)),
      { numRuns: 5000 },
    );
  });

  it('accepts ordinary text, empty strings and well-formed astral characters', () => {
    for (const s of ['', 'C', 'gg wp', 'naïve', '对局', '🙂 ok']) assert.equal(storableString(s), true, s);
  });

  it('refuses NUL anywhere and each kind of unpaired surrogate', () => {
    for (const s of ['\u0000', 'gg\u0000', '\ud800', 'a\ud83d', '\ude00b', '\ude00\ud83d'])
      assert.equal(storableString(s), false, JSON.stringify(s));
  });

  it('finds the path of the first unstorable string, keys included', () => {
    assert.equal(unstorablePath({ say: 'ok', list: ['a', 'b'] }), undefined);
    assert.deepEqual(unstorablePath({ say: 'ok', list: ['a', 'b\u0000'] }), ['list', 1]);
    assert.deepEqual(unstorablePath({ ['k\ud800']: 1 }), ['k\ud800']);
    assert.equal(isStorable([1, null, true, { x: ['y'] }]), true);
  });
});
