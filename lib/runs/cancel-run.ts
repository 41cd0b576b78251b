import type { Queryable } from '@/lib/db/client';
import { ApiError } from '@/lib/api/errors';
import type { CommitInline } from '@/lib/db/pipelined-transaction';
import { sqlLiteral } from '@/lib/db/sql-literal';

/**
 * Asks for one of the caller's runs to stop. The server streaming it notices at once if it is
 * this process (stop-signals.ts), otherwise within a poll interval; stops the model's answer and stores the run as cancelled with the tokens it used.
 * Asking twice is harmless; a run that has already ended cannot be cancelled (409).
 */
export async function requestRunCancel(tx: Queryable, { userId, runId }: { userId: string; runId: string }): Promise<void> {
  const [row] = await tx<{ status: string }[]>`
    update public.agent_runs r
    set cancel_requested_at = coalesce(r.cancel_requested_at, now())
    where r.id = ${runId} and r.user_id = ${userId}
    returning r.status`;
  if (!row) throw new ApiError('not_found', 'No run with this id exists.');
  if (row.status !== 'queued' && row.status !== 'running') {
    throw new ApiError('conflict', `This run has already ended (${row.status}); there is nothing to stop.`);
  }
}

/**
 * Whether the run's owner has asked it to stop. A streaming run asks this every few hundred
 * milliseconds, so it is one literal statement sent with its transaction's COMMIT: with BEGIN,
 * one network write and one round trip.
 */
export async function isCancelRequested(commitInline: CommitInline, { userId, runId }: { userId: string; runId: string }): Promise<boolean> {
  const [rows] = await commitInline([
    `select cancel_requested_at is not null as requested from public.agent_runs where id = ${sqlLiteral(runId)}::uuid and user_id = ${sqlLiteral(userId)}::uuid`,
  ]);
  return (rows as { requested: boolean }[])[0]?.requested === true;
}
