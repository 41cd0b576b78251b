import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { sqlLiteral } from '@/lib/db/sql-literal';
import { outputToMarkdown, readOutput } from '@/lib/runs/readable-output';
import { MAX_CONTEXT_TURNS, type ThreadTurn } from '@/lib/threads/thread-context';
import type { OutputType } from '@/lib/zod/schemas/runs';

export interface ThreadTurns {
  threadId: string;
  /** Oldest first: the latest answered turns, at most MAX_CONTEXT_TURNS. */
  turns: ThreadTurn[];
  /** Every answered turn the conversation has before this run, read or not. */
  totalTurns: number;
}

interface TurnRow {
  id: string;
  task: string;
  output_type: OutputType;
  output: unknown;
  total: number;
}

/**
 * The turns a follow-up in `threadId` can carry: answered runs, without answers that were
 * regenerated (the newer answer stands for them). To regenerate a run, only the turns before it
 * count, and the run must belong to the conversation (or give it, when no thread is named).
 */
export async function loadThreadTurns(
  tx: Queryable,
  { userId, threadId, regenerates }: { userId: string; threadId?: string; regenerates?: string },
): Promise<ThreadTurns> {
  let thread = threadId;
  let before: Date | null = null;
  if (regenerates) {
    const [run] = await tx<{ thread_id: string | null; created_at: Date }[]>`
      select thread_id, created_at from public.agent_runs where id = ${regenerates} and user_id = ${userId}`;
    if (!run) throw new ApiError('not_found', 'No run with this id exists to regenerate.');
    if (!run.thread_id || (thread && run.thread_id !== thread)) {
      throw new ApiError('validation_failed', 'regenerates: the run is not part of this conversation.');
    }
    thread = run.thread_id;
    before = run.created_at;
  }
  if (!thread) throw new ApiError('validation_failed', 'threadId: name the conversation to continue.');

  const reads = threadTurnReads({ userId, threadId: thread, before });
  const results = (await tx.unsafe(reads.statements.join('; ')).simple()) as unknown as unknown[][];
  return reads.toTurns(results);
}

/**
 * The two reads every follow-up makes (the conversation is the caller's; its latest answered
 * turns), as literal statements (lib/db/sql-literal.ts) that a caller may send in one
 * simple-protocol message with its own reads, and how to read their two results.
 */
export function threadTurnReads({ userId, threadId, before = null }: { userId: string; threadId: string; before?: Date | null }): {
  statements: [string, string];
  toTurns: (results: unknown[][]) => ThreadTurns;
} {
  const id = `${sqlLiteral(threadId)}::uuid`;
  const user = `${sqlLiteral(userId)}::uuid`;
  return {
    statements: [
      `select 1 as found from public.threads where id = ${id} and user_id = ${user}`,
      `select r.id, r.task, r.output_type, r.output, (count(*) over ())::int as total
      from public.agent_runs r
      where r.thread_id = ${id} and r.user_id = ${user} and r.status = 'succeeded' and r.output is not null
        and not exists (select 1 from public.agent_runs n where n.replaces_run_id = r.id and n.status = 'succeeded')
        ${before ? `and r.created_at < ${sqlLiteral(before.toISOString())}::timestamptz` : ''}
      order by r.created_at desc, r.id desc
      limit ${sqlLiteral(MAX_CONTEXT_TURNS)}`,
    ],
    toTurns: ([threads, found]) => {
      if (!threads || threads.length === 0) throw new ApiError('not_found', 'No conversation with this id exists.');
      const rows = [...(found as TurnRow[])].reverse();
      const turns = rows.map((row) => ({ runId: row.id, task: row.task, answer: outputToMarkdown(readOutput(row.output_type, row.output)) }));
      return { threadId, turns, totalTurns: rows[0]?.total ?? 0 };
    },
  };
}
