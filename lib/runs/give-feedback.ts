import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import { getRun } from '@/lib/runs/get-run';
import type { FeedbackBody, Run } from '@/lib/zod/schemas/runs';

// The SQLSTATEs private.record_run_feedback raises (migration 017).
const FEEDBACK_ERRORS = new Map<unknown, () => ApiError>([
  ['RN404', () => new ApiError('not_found', 'No run with this id exists.')],
  ['RN412', () => new ApiError('conflict', 'Only a run that succeeded can be approved, rejected or revised.')],
]);

/**
 * Records or changes approved / rejected / revised (with the note) on one of the caller's
 * succeeded runs and moves its atoms' statistics by the difference, all in the database function,
 * so the check and both writes are one atomic step. Repeating the same feedback changes nothing.
 */
export async function giveFeedback(
  tx: Queryable,
  { userId, runId, body }: { userId: string; runId: string; body: FeedbackBody },
): Promise<Run> {
  try {
    await tx`select private.record_run_feedback(${runId}, ${body.feedback}, ${body.detail ?? null})`;
  } catch (error) {
    const mapped = typeof error === 'object' && error !== null ? FEEDBACK_ERRORS.get((error as { code?: unknown }).code) : undefined;
    throw mapped ? mapped() : error;
  }
  return getRun(tx, { userId, runId });
}
