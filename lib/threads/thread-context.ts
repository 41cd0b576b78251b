import type { ThreadContext } from '@/lib/zod/schemas/runs';

/**
 * What a follow-up is given of its conversation: the earlier turns (task and answer), newest
 * first, as long as they fit the token budget, then put back in order. A turn that does not fit
 * ends the selection, so the model never sees a conversation with a hole in it, and a turn is
 * never cut in the middle.
 */

/** Tokens of earlier turns a run carries at most, on top of its own prompt. */
export const THREAD_CONTEXT_BUDGET_TOKENS = 6000;
/** Earlier turns read from the database at most; older ones are counted as left out. */
export const MAX_CONTEXT_TURNS = 20;
/** Role markers and separators the provider adds around each message. */
const TURN_FRAMING_TOKENS = 8;

export interface ThreadTurn {
  runId: string;
  task: string;
  /** The answer as Markdown. */
  answer: string;
}

export interface SelectedContext {
  turns: ThreadTurn[];
  context: ThreadContext;
}

/**
 * `turns` oldest first; `totalTurns` counts the turns not read as well. `count` counts the tokens
 * of a text with the run's model encoding.
 */
export function selectThreadContext(
  turns: readonly ThreadTurn[],
  { count, budgetTokens = THREAD_CONTEXT_BUDGET_TOKENS, totalTurns = turns.length }: { count: (text: string) => number; budgetTokens?: number; totalTurns?: number },
): SelectedContext {
  const chosen: ThreadTurn[] = [];
  let used = 0;
  for (let i = turns.length - 1; i >= 0; i--) {
    const turn = turns[i]!;
    const cost = count(turn.task) + count(turn.answer) + 2 * TURN_FRAMING_TOKENS;
    if (used + cost > budgetTokens) break;
    used += cost;
    chosen.unshift(turn);
  }
  return {
    turns: chosen,
    context: { budgetTokens, usedTokens: used, runIds: chosen.map((turn) => turn.runId), omittedTurns: Math.max(0, totalTurns - chosen.length) },
  };
}
