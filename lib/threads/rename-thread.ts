import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { THREAD_NOT_FOUND } from '@/lib/threads/get-thread';
import { threadColumns, toThread, type ThreadRow } from '@/lib/threads/thread-row';
import type { Thread } from '@/lib/zod/schemas/threads';

/** Renames one of the caller's conversations; its place in the list (last activity) stays. */
export async function renameThread(tx: Queryable, { userId, threadId, title }: { userId: string; threadId: string; title: string }): Promise<Thread> {
  const [row] = await tx<ThreadRow[]>`
    update public.threads t set title = ${title}
    where t.id = ${threadId} and t.user_id = ${userId}
    returning ${threadColumns(tx)}`;
  if (!row) throw new ApiError('not_found', THREAD_NOT_FOUND);
  return toThread(row);
}
