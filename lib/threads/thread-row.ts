import type { Queryable } from '@/lib/db/client';
import type { Thread } from '@/lib/zod/schemas/threads';

export interface ThreadRow {
  id: string;
  title: string;
  created_at: Date;
  updated_at: Date;
  run_count: number;
  running: boolean;
}

/** The columns of a thread as the APIs read it, for a query over `public.threads t`. */
export const threadColumns = (tx: Queryable) => tx`
  t.id, t.title, t.created_at, t.updated_at,
  (select count(*) from public.agent_runs r where r.thread_id = t.id)::int as run_count,
  exists (select 1 from public.agent_runs r where r.thread_id = t.id and r.status in ('queued', 'running')) as running`;

export function toThread(row: ThreadRow): Thread {
  return {
    id: row.id,
    title: row.title,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    runCount: row.run_count,
    running: row.running,
  };
}

/** A conversation's first name: the task's first line, shortened at a word. */
export function titleFromTask(task: string, max = 80): string {
  const line = task.trim().split('\n')[0]!.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line || 'Conversation';
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
