import type { Queryable } from '@/lib/db/client';
import { EVENT_LIST_LIMIT, eventFieldsSchema, type BackgroundEvent } from '@/lib/zod/schemas/events';

/** The caller's most recent deliveries, newest first, with their state and suggestion. */
export async function listEvents(tx: Queryable, { userId }: { userId: string }): Promise<BackgroundEvent[]> {
  const rows = await tx<
    { id: string; event_type: string; repository: string | null; status: string; reason: string | null; attempts: number; payload: unknown; run_id: string | null; created_at: Date; processed_at: Date | null }[]
  >`
    select e.id, e.event_type, e.repository, e.status, e.reason, e.attempts, e.payload, e.created_at, e.processed_at,
      (select r.id from public.agent_runs r where r.background_event_id = e.id order by r.created_at desc limit 1) as run_id
    from public.background_events e
    where e.user_id = ${userId} and e.source = 'code_repo'
    order by e.created_at desc, e.id
    limit ${EVENT_LIST_LIMIT}`;
  return rows.map((row) => ({
    id: row.id,
    eventType: row.event_type as BackgroundEvent['eventType'],
    repository: row.repository ?? '',
    status: row.status as BackgroundEvent['status'],
    reason: row.reason,
    attempts: row.attempts,
    fields: eventFieldsSchema.catch({}).parse(row.payload),
    runId: row.run_id,
    createdAt: row.created_at.toISOString(),
    processedAt: row.processed_at?.toISOString() ?? null,
  }));
}
