import { describe, expect, it } from 'vitest';
import { selectThreadContext, type ThreadTurn } from '@/lib/threads/thread-context';
import { titleFromTask } from '@/lib/threads/thread-row';

// One token a character keeps the arithmetic visible; framing is 16 tokens a turn.
const count = (text: string) => text.length;
const turn = (runId: string, size: number): ThreadTurn => ({ runId, task: 'q'.repeat(4), answer: 'a'.repeat(size - 4 - 16) });

describe('selectThreadContext', () => {
  it('carries every turn, in order, when all fit', () => {
    const { turns, context } = selectThreadContext([turn('a', 100), turn('b', 100)], { count, budgetTokens: 1000 });
    expect(turns.map((t) => t.runId)).toEqual(['a', 'b']);
    expect(context).toEqual({ budgetTokens: 1000, usedTokens: 200, runIds: ['a', 'b'], omittedTurns: 0 });
  });

  it('keeps the newest turns that fit and stops at the first that does not (no holes)', () => {
    // c (300) and d (400) fit in 800; b (200) would fit after them but a hole at c would not be
    // allowed either way: b comes before the turn that did not fit, so it is left out too.
    const turns = [turn('a', 100), turn('b', 200), turn('x', 500), turn('c', 300), turn('d', 400)];
    const selected = selectThreadContext(turns, { count, budgetTokens: 800 });
    expect(selected.context.runIds).toEqual(['c', 'd']);
    expect(selected.context.usedTokens).toBe(700);
    expect(selected.context.omittedTurns).toBe(3);
  });

  it('a budget exactly met is used; one token over leaves the turn out', () => {
    expect(selectThreadContext([turn('a', 100), turn('b', 100)], { count, budgetTokens: 200 }).context.runIds).toEqual(['a', 'b']);
    expect(selectThreadContext([turn('a', 100), turn('b', 100)], { count, budgetTokens: 199 }).context.runIds).toEqual(['b']);
  });

  it('a single turn larger than the budget is left out whole, never cut', () => {
    const { turns, context } = selectThreadContext([turn('big', 5000)], { count, budgetTokens: 1000 });
    expect(turns).toEqual([]);
    expect(context).toEqual({ budgetTokens: 1000, usedTokens: 0, runIds: [], omittedTurns: 1 });
  });

  it('counts turns that were not read as left out', () => {
    const { context } = selectThreadContext([turn('c', 100)], { count, budgetTokens: 1000, totalTurns: 25 });
    expect(context.omittedTurns).toBe(24);
  });
});

describe('titleFromTask', () => {
  it('uses the first line, with spaces collapsed', () => {
    expect(titleFromTask('  Draft   the launch post\nKeep it short')).toBe('Draft the launch post');
  });
  it('shortens a long line at a word, with an ellipsis', () => {
    const title = titleFromTask(`${'Plan our seed round with '.repeat(5)}care`);
    expect(title.length).toBeLessThanOrEqual(80);
    expect(title.endsWith('with…') || title.endsWith('round…') || title.endsWith('seed…') || title.endsWith('our…') || title.endsWith('Plan…')).toBe(true);
    expect(title).not.toMatch(/\s…$/);
  });
});
