import type { Queryable } from '@/lib/db/client';
import type { Repository } from '@/lib/zod/schemas/events';

/** MAX_REPOSITORIES bounds both the list and how many one user may connect. */
export const MAX_REPOSITORIES = 100;

/** The caller's connected repositories, oldest first, each with its newest delivery. */
export async function listRepositories(tx: Queryable, { userId }: { userId: string }): Promise<Repository[]> {
  const rows = await tx<{ id: string; full_name: string; created_at: Date; last_at: Date | null; last_type: string | null; last_status: string | null }[]>`
    select r.id, r.full_name, r.created_at, e.created_at as last_at, e.event_type as last_type, e.status as last_status
    from public.connected_repositories r
    left join lateral (
      select created_at, event_type, status from public.background_events
      where repository_id = r.id order by created_at desc limit 1
    ) e on true
    where r.user_id = ${userId}
    order by r.created_at, r.id
    limit ${MAX_REPOSITORIES}`;
  return rows.map((row) => ({
    id: row.id,
    fullName: row.full_name,
    createdAt: row.created_at.toISOString(),
    lastEvent: row.last_at ? { at: row.last_at.toISOString(), eventType: row.last_type as never, status: row.last_status as never } : null,
  }));
}
