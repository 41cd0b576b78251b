import { withServiceRole } from '@/lib/db/service-role';

/**
 * Runs never stay "running": the run route settles every run it starts in a finally block, but a
 * function killed at its maxDuration (90 s) cannot. Anything still queued or running well after
 * that limit belongs to a dead invocation and is closed as failed through private.finish_run, as
 * the route would have closed it: the run stays counted, and its token reservation (month and day)
 * is settled to nothing used, so the tokens come back. finish_run closes a run at most once, so a
 * late finish by a function that was only slow changes nothing a second time.
 */
export const STALE_AFTER_MINUTES = 5;

const INTERRUPTED =
  'The run was interrupted before it finished (the server stopped). Its reserved tokens were given back; try again.';

export async function sweepStaleRuns(): Promise<{ swept: string[] }> {
  const rows = await withServiceRole(
    (tx) => tx<{ id: string }[]>`
      with stale as (
        select r.id from public.agent_runs r
        where r.status in ('queued', 'running')
          and coalesce(r.started_at, r.created_at) < now() - make_interval(mins => ${STALE_AFTER_MINUTES})
        order by r.created_at
        for update skip locked
      )
      select s.id from stale s
      where private.finish_run(s.id, 'failed', null, ${INTERRUPTED}, 0, 0, 0, 0, null)`,
  );
  return { swept: rows.map((row) => row.id) };
}
