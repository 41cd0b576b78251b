import { withServiceRole } from '@/lib/db/service-role';

/**
 * Runs never stay "running": the run route settles every run it starts in a finally block, but a
 * function killed at its maxDuration (90 s) cannot. Anything still queued or running well after
 * that limit belongs to a dead invocation and is closed as failed. Its token reservation stays
 * counted: the real usage is unknown, and over-counting a lost run is the safe side of a limit.
 */
export const STALE_AFTER_MINUTES = 5;

export async function sweepStaleRuns(): Promise<{ swept: string[] }> {
  const rows = await withServiceRole(
    (tx) => tx<{ id: string }[]>`
      update public.agent_runs
      set status = 'failed',
          error = 'The run was interrupted before it finished (the server stopped). Nothing was charged beyond the tokens reserved for it; try again.',
          completed_at = now()
      where status in ('queued', 'running')
        and coalesce(started_at, created_at) < now() - make_interval(mins => ${STALE_AFTER_MINUTES})
      returning id`,
  );
  return { swept: rows.map((row) => row.id) };
}
