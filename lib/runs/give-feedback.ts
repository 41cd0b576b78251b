import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import { getRun } from '@/lib/runs/get-run';
import type { FeedbackBody, Run } from '@/lib/zod/schemas/runs';

// The SQLSTATEs private.record_run_feedback raises (migration 015).
const FEEDBACK_ERRORS = new Map<unknown, () => ApiError>([
  ['RN404', () => new ApiError('not_found', 'No run with this id exists.')],
  ['RN409', () => new ApiError('conflict', 'This run already has feedback; feedback is given once per run.')],
  ['RN412', () => new ApiError('conflict', 'Only a run that succeeded can be approved, rejected or revised.')],
]);

/**
 * Records approved / rejected / revised on one of the caller's succeeded runs and teaches its
 * atoms, all in the database function, so the check and both writes are one atomic step.
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
