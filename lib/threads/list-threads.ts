import type { Queryable } from '@/lib/db/client';
import { threadColumns, toThread, type ThreadRow } from '@/lib/threads/thread-row';
import type { ListThreadsQuery, ThreadList } from '@/lib/zod/schemas/threads';

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The caller's conversations, most recently active first. `q` matches the title or any task asked
 * in the conversation (case-insensitive). Keyset pagination on (updated_at, id).
 */
export async function listThreads(tx: Queryable, { userId, query }: { userId: string; query: ListThreadsQuery }): Promise<ThreadList> {
  const conditions = [tx`t.user_id = ${userId}`];
  if (query.q) {
    const pattern = likePattern(query.q);
    conditions.push(
      tx`(t.title ilike ${pattern} or exists (select 1 from public.agent_runs r where r.thread_id = t.id and r.task ilike ${pattern}))`,
    );
  }
  if (query.cursor) {
    conditions.push(tx`(t.updated_at, t.id) < (select c.updated_at, c.id from public.threads c where c.id = ${query.cursor} and c.user_id = ${userId})`);
  }
  const where = conditions.reduce((all, next) => tx`${all} and ${next}`);
  const rows = await tx<ThreadRow[]>`
    select ${threadColumns(tx)} from public.threads t
    where ${where}
    order by t.updated_at desc, t.id desc
    limit ${query.limit + 1}`;
  const page = rows.slice(0, query.limit);
  return { threads: page.map(toThread), nextCursor: rows.length > query.limit ? page.at(-1)!.id : null };
}
