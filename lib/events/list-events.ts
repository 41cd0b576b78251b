import type { Queryable } from '@/lib/db/client';
import { EVENT_LIST_LIMIT, eventFieldsSchema, SUGGESTION_EXCERPT_CHARS, type BackgroundEvent } from '@/lib/zod/schemas/events';

interface EventRow {
  id: string;
  event_type: string;
  repository: string | null;
  status: string;
  reason: string | null;
  attempts: number;
  payload: unknown;
  created_at: Date;
  processed_at: Date | null;
  run_id: string | null;
  thread_id: string | null;
  run_status: string | null;
  suggestion_status: string | null;
  feedback: string | null;
  headline: string | null;
  recommendation: string | null;
}

const excerptOf = (text: string | null) => {
  if (!text) return null;
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > SUGGESTION_EXCERPT_CHARS ? `${flat.slice(0, SUGGESTION_EXCERPT_CHARS).trimEnd()}…` : flat;
};

/** The caller's most recent deliveries, newest first, with their state and the suggestion each made. */
export async function listEvents(tx: Queryable, { userId }: { userId: string }): Promise<BackgroundEvent[]> {
  const rows = await tx<EventRow[]>`
    select e.id, e.event_type, e.repository, e.status, e.reason, e.attempts, e.payload, e.created_at, e.processed_at,
      r.id as run_id, r.thread_id, r.status as run_status, r.suggestion_status, r.feedback,
      case when r.output_type = 'insight' then r.output ->> 'headline' end as headline,
      case when r.output_type = 'insight' then left(r.output ->> 'recommendation', ${SUGGESTION_EXCERPT_CHARS * 2}) end as recommendation
    from public.background_events e
    left join lateral (
      select r.id, r.thread_id, r.status, r.suggestion_status, r.feedback, r.output_type, r.output
      from public.agent_runs r where r.background_event_id = e.id order by r.created_at desc limit 1
    ) r on true
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
    suggestion: row.run_id
      ? {
          runId: row.run_id,
          threadId: row.thread_id,
          runStatus: row.run_status as NonNullable<BackgroundEvent['suggestion']>['runStatus'],
          decision: (row.suggestion_status ?? 'pending') as NonNullable<BackgroundEvent['suggestion']>['decision'],
          feedback: row.feedback as NonNullable<BackgroundEvent['suggestion']>['feedback'],
          headline: row.headline ? row.headline.slice(0, 300) : null,
          excerpt: excerptOf(row.recommendation),
        }
      : null,
    createdAt: row.created_at.toISOString(),
    processedAt: row.processed_at?.toISOString() ?? null,
  }));
}
