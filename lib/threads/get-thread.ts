import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { RUN_COLUMNS, toRun, type RunRow } from '@/lib/runs/run-row';
import { threadColumns, toThread, type ThreadRow } from '@/lib/threads/thread-row';
import { MAX_THREAD_TURNS, type ThreadDetail } from '@/lib/zod/schemas/threads';

export const THREAD_NOT_FOUND = 'No conversation with this id exists.';

/**
 * One of the caller's conversations with its latest runs, oldest first, each with its answer (or
 * the answer so far, while it runs). Another user's is invisible under RLS: a 404 like an unknown id.
 * Both reads go out together.
 */
export async function getThread(tx: Queryable, { userId, threadId }: { userId: string; threadId: string }): Promise<ThreadDetail> {
  const [threads, runs] = await Promise.all([
    tx<ThreadRow[]>`select ${threadColumns(tx)} from public.threads t where t.id = ${threadId} and t.user_id = ${userId}`,
    tx<RunRow[]>`
      select * from (
        select ${tx(RUN_COLUMNS)} from public.agent_runs
        where thread_id = ${threadId} and user_id = ${userId}
        order by created_at desc, id desc
        limit ${MAX_THREAD_TURNS}
      ) latest order by created_at, id`,
  ]);
  const [thread] = threads;
  if (!thread) throw new ApiError('not_found', THREAD_NOT_FOUND);
  return { thread: toThread(thread), runs: runs.map(toRun) };
}
