import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, findTextProblem, textProblem, textProblemMessage } from '@/lib/api/text-rule';

// The edges of the surrogate ranges: high D800–DBFF, low DC00–DFFF.
const HIGH = ['\uD800', '\uDBFF'];
const LOW = ['\uDC00', '\uDFFF'];

function nested(levels: number, leaf: unknown): unknown {
  return levels === 0 ? leaf : { a: nested(levels - 1, leaf) };
}

describe('textProblem', () => {
  it.each([
    ['', null],
    ['plain text, ünïcödé, 日本語, emoji 😀', null],
    ['\u0001\u001f\t\n', null],
    ['\uD7FF\uE000\uFFFF', null],
    ['a\u0000b', 'nul'],
    ['\u0000', 'nul'],
    // NUL wins over a lone surrogate in the same string.
    ['\u0000\uD800', 'nul'],
    ['\uD800\u0000', 'nul'],
  ])('%j → %s', (value, expected) => {
    expect(textProblem(value)).toBe(expected);
  });

  it('accepts every pairing of high and low surrogate edges', () => {
    for (const high of HIGH) for (const low of LOW) {
      expect(textProblem(`${high}${low}`)).toBeNull();
      expect(textProblem(`x${high}${low}y`)).toBeNull();
    }
  });

  it('refuses a high surrogate that is not followed by a low one', () => {
    for (const high of HIGH) {
      expect(textProblem(high)).toBe('surrogate');
      expect(textProblem(`${high}a`)).toBe('surrogate');
      expect(textProblem(`${high}${high}`)).toBe('surrogate');
      expect(textProblem(`a${high}`)).toBe('surrogate');
    }
  });

  it('refuses a low surrogate that is not preceded by a high one', () => {
    for (const low of LOW) {
      expect(textProblem(low)).toBe('surrogate');
      expect(textProblem(`a${low}`)).toBe('surrogate');
      expect(textProblem(`${low}a`)).toBe('surrogate');
      expect(textProblem(`${low}${low}`)).toBe('surrogate');
      // A pair followed by one more low surrogate: the last one is unpaired.
      expect(textProblem(`\uD800\uDC00${low}`)).toBe('surrogate');
    }
  });
});

describe('findTextProblem', () => {
  it('finds nothing in clean values of any shape', () => {
    expect(findTextProblem('text')).toBeNull();
    expect(findTextProblem(null)).toBeNull();
    expect(findTextProblem(undefined)).toBeNull();
    expect(findTextProblem(42)).toBeNull();
    expect(findTextProblem(true)).toBeNull();
    expect(findTextProblem([])).toBeNull();
    expect(findTextProblem({})).toBeNull();
    expect(findTextProblem({ a: null, b: [1, false, null, { c: 'ok' }], 'd\u00e9': '😀' })).toBeNull();
  });

  it('names the body, a field, an array index or a nested path', () => {
    expect(findTextProblem('a\u0000')).toEqual({ path: 'body', reason: 'nul' });
    expect(findTextProblem({ title: 'x\uD800' })).toEqual({ path: 'title', reason: 'surrogate' });
    expect(findTextProblem(['ok', 'bad\u0000'])).toEqual({ path: '1', reason: 'nul' });
    expect(findTextProblem(['bad\u0000', 'ok'])).toEqual({ path: '0', reason: 'nul' });
    expect(findTextProblem({ items: [{ note: 'ok' }, { tags: ['x', '\uDC00'] }] })).toEqual({ path: 'items.1.tags.1', reason: 'surrogate' });
  });

  it('checks object keys too, and masks control and surrogate characters in the path it reports', () => {
    expect(findTextProblem({ 'a\u0000b': 1 })).toEqual({ path: 'a?b', reason: 'nul' });
    expect(findTextProblem({ outer: { '\uDFFFk': 'v' } })).toEqual({ path: 'outer.?k', reason: 'surrogate' });
    // Every character of the masked ranges (C0 controls and all surrogates) becomes '?'; others stay.
    expect(findTextProblem({ '\u0000\u0001\u001f\u0020\uD800\uDBFF\uDC00\uDFFF\uD7FF\uE000': 1 })).toEqual({
      path: '??? ????\uD7FF\uE000',
      reason: 'nul',
    });
    // A bad key is reported even when its value is clean, and before anything nested below it.
    expect(findTextProblem({ good: { deeper: 'x\u0000' }, 'b\u0000d': 'clean' })).toEqual({ path: 'b?d', reason: 'nul' });
  });

  it('walks the elements of an array only, as JSON.stringify does', () => {
    // A property on an array object is never serialised, so it never reaches the database.
    const list = Object.assign(['ok'], { extra: 'x\u0000' });
    expect(findTextProblem(list)).toBeNull();
    expect(findTextProblem({ list })).toBeNull();
  });

  it(`allows ${MAX_JSON_DEPTH} levels of nesting and refuses one more`, () => {
    expect(MAX_JSON_DEPTH).toBe(32);
    expect(findTextProblem(nested(32, 'leaf'))).toBeNull();
    expect(findTextProblem(nested(32, {}))).toEqual({ path: Array(32).fill('a').join('.'), reason: 'depth', maxDepth: 32 });
    expect(findTextProblem(nested(40, 'leaf'))).toEqual({ path: Array(32).fill('a').join('.'), reason: 'depth', maxDepth: 32 });
    // Arrays are a level like objects.
    const arrays = (levels: number): unknown => (levels === 0 ? 'leaf' : [arrays(levels - 1)]);
    expect(findTextProblem(arrays(32))).toBeNull();
    expect(findTextProblem(arrays(33))).toEqual({ path: Array(32).fill('0').join('.'), reason: 'depth', maxDepth: 32 });
  });

  it('takes another depth bound, which only containers can exceed', () => {
    expect(findTextProblem({ a: {} }, 1)).toEqual({ path: 'a', reason: 'depth', maxDepth: 1 });
    expect(findTextProblem({ a: {} }, 2)).toBeNull();
    expect(findTextProblem({}, 0)).toEqual({ path: 'body', reason: 'depth', maxDepth: 0 });
    // Strings, numbers and null at the bound are leaves, not nesting.
    expect(findTextProblem({ a: 'x', b: 1, c: null, d: true }, 1)).toBeNull();
    expect(findTextProblem({ a: 'x\u0000' }, 1)).toEqual({ path: 'a', reason: 'nul' });
  });
});

describe('textProblemMessage', () => {
  it.each([
    [{ path: 'title', reason: 'nul' } as const, 'title: must not contain NUL (\\u0000) characters'],
    [{ path: 'body', reason: 'surrogate' } as const, 'body: must be valid Unicode text (it contains an unpaired surrogate)'],
    [{ path: 'a.b', reason: 'depth', maxDepth: 4 } as const, 'a.b: nested more than 4 levels deep'],
    // A problem that does not say which bound it broke names the default one.
    [{ path: 'a.b', reason: 'depth' } as const, 'a.b: nested more than 32 levels deep'],
  ])('%j → %s', (problem, message) => {
    expect(textProblemMessage(problem)).toBe(message);
  });
});
