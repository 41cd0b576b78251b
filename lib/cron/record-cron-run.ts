import { withServiceRole } from '@/lib/db/service-role';

/** The job whose runs GET /api/cron/sweep-runs records. */
export const SWEEP_CRON_JOB = 'sweep-runs';

export type CronOutcome = 'succeeded' | 'failed';

/**
 * Records one run of a scheduled job (private.cron_runs, migration 035), so the admin health shows
 * when the daily maintenance last ran and how it ended. `detail` is counts or an error class, never
 * a message. Recording is best effort: a failure here must not turn a finished sweep into an error.
 */
export async function recordCronRun(job: string, startedAt: Date, outcome: CronOutcome, detail: string | null): Promise<boolean> {
  try {
    await withServiceRole(
      (tx) => tx`insert into private.cron_runs (job, started_at, outcome, detail) values (${job}, ${startedAt}, ${outcome}, ${detail?.slice(0, 500) ?? null})`,
    );
    return true;
  } catch {
    return false;
  }
}
