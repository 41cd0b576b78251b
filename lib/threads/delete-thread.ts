import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { THREAD_NOT_FOUND } from '@/lib/threads/get-thread';

/**
 * Deletes a conversation and its runs. Refused (409) while one of its runs is still going: the run
 * would have nowhere to be stored. The row lock makes a run that starts meanwhile wait for it.
 */
export async function deleteThread(tx: Queryable, { userId, threadId }: { userId: string; threadId: string }): Promise<void> {
  const [row] = await tx<{ running: boolean }[]>`
    select exists (select 1 from public.agent_runs r where r.thread_id = t.id and r.status in ('queued', 'running')) as running
    from public.threads t where t.id = ${threadId} and t.user_id = ${userId}
    for update of t`;
  if (!row) throw new ApiError('not_found', THREAD_NOT_FOUND);
  if (row.running) throw new ApiError('conflict', 'An answer in this conversation is still being written. Stop it or wait for it to finish, then delete.');
  await tx`delete from public.threads where id = ${threadId} and user_id = ${userId}`;
}
