import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import type { SuggestionDecisionBody, SuggestionDecisionResult } from '@/lib/zod/schemas/events';

/**
 * Records what the owner did with a suggestion: acted on it, dismissed it, or put it back
 * (pending). Only a run made from a repository event is a suggestion; RLS keeps the update to the
 * caller's own runs, so another user's run, like a manual one, is simply not found.
 */
export async function decideSuggestion(
  tx: Queryable,
  { userId, runId, body }: { userId: string; runId: string; body: SuggestionDecisionBody },
): Promise<SuggestionDecisionResult> {
  const [row] = await tx<{ id: string; thread_id: string | null; suggestion_status: SuggestionDecisionResult['decision']; suggestion_decided_at: Date | null }[]>`
    update public.agent_runs
    set suggestion_status = ${body.decision},
      suggestion_decided_at = case when ${body.decision} = 'pending' then null
        when suggestion_status is distinct from ${body.decision} then now() else suggestion_decided_at end
    where id = ${runId} and user_id = ${userId} and trigger = 'background_event'
    returning id, thread_id, suggestion_status, suggestion_decided_at`;
  if (!row) throw new ApiError('not_found', 'No suggestion with this id exists.');
  return { runId: row.id, threadId: row.thread_id, decision: row.suggestion_status, decidedAt: row.suggestion_decided_at?.toISOString() ?? null };
}
