import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffLines, type DiffLine } from '@/lib/templates/diff-lines';

/** Applies a diff to the old text line by line, refusing any line the diff says is there but is not. */
function apply(before: string, lines: DiffLine[]): string {
  const source = before === '' ? [] : before.split('\n');
  const out: string[] = [];
  let at = 0;
  for (const { op, line } of lines) {
    if (op === 'insert') {
      out.push(line);
      continue;
    }
    if (source[at] !== line) throw new Error(`line ${at + 1} of the old text is not ${JSON.stringify(line)}`);
    at += 1;
    if (op === 'equal') out.push(line);
  }
  if (at !== source.length) throw new Error(`the diff leaves ${source.length - at} old lines unaccounted for`);
  return out.join('\n');
}

// Few distinct lines, so texts share many of them and the diff has real work to do.
const line = fc.constantFrom('', 'a', 'b', 'c', 'Use {{framework}}.', '  indented', 'd e f');
const text = fc.array(line, { maxLength: 40 }).map((lines) => lines.join('\n'));
/** b as an edit of a: some lines dropped, some added. */
const related = text.chain((a) =>
  fc.tuple(fc.constant(a), fc.array(fc.tuple(fc.boolean(), line), { maxLength: 20 })).map(([base, edits]) => {
    const lines = base === '' ? [] : base.split('\n');
    for (const [drop, added] of edits) {
      const at = lines.length === 0 ? 0 : added.length % lines.length;
      if (drop && lines.length > 0) lines.splice(at, 1);
      else lines.splice(at, 0, added);
    }
    return [base, lines.join('\n')] as const;
  }),
);

describe('diffLines', () => {
  it('applying the diff of a → b to a gives b (unrelated and related texts)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.tuple(text, text), related), ([a, b]) => {
        expect(apply(a, diffLines(a, b).lines)).toBe(b);
      }),
      { numRuns: 1000, seed: 20_261_201 },
    );
  });

  it('similarity is 1 exactly for equal texts, within 0..1 otherwise, and symmetric', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const { similarity } = diffLines(a, b);
        expect(similarity).toBeGreaterThanOrEqual(0);
        expect(similarity).toBeLessThanOrEqual(1);
        expect(similarity === 1).toBe(a === b);
        expect(diffLines(b, a).similarity).toBeCloseTo(similarity, 10);
      }),
      { numRuns: 500, seed: 20_261_202 },
    );
  });

  it('finds the shortest edit: one changed line among many is one delete and one insert', () => {
    const a = ['one', 'two', 'three', 'four', 'five'].join('\n');
    const b = ['one', 'two', 'THREE', 'four', 'five'].join('\n');
    const { lines, similarity } = diffLines(a, b);
    expect(lines.filter((l) => l.op !== 'equal')).toEqual([
      { op: 'delete', line: 'three' },
      { op: 'insert', line: 'THREE' },
    ]);
    expect(similarity).toBeCloseTo(8 / 10);
    expect(diffLines('', '').similarity).toBe(1);
    expect(diffLines('x', 'y').similarity).toBe(0);
  });

  it('keeps a large, mostly different text correct past the edit budget', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `old ${i}`).join('\n');
    const b = Array.from({ length: 3000 }, (_, i) => (i % 2 ? `old ${i}` : `new ${i}`)).join('\n');
    expect(apply(a, diffLines(a, b).lines)).toBe(b);
  });
});
