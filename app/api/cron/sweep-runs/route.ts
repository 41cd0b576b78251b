import { otherMethods } from '@/lib/api/methods';
import { jsonResponse, withCron } from '@/lib/api/handler';
import { recordCronRun, SWEEP_CRON_JOB } from '@/lib/cron/record-cron-run';
import { releaseStaleReservations } from '@/lib/cron/release-stale-reservations';
import { sweepStaleRuns } from '@/lib/cron/sweep-stale-runs';
import { drainEvents } from '@/lib/events/drain-events';

export const dynamic = 'force-dynamic';
// The drain's budget (40 s) plus one job at the provider's deadline (60 s) and the sweeps.
export const maxDuration = 120;
const DRAIN_BUDGET_MS = 40_000;

/**
 * The daily maintenance: closes runs and releases reservations that killed functions left open,
 * then drains the event queue (the safety net for events no webhook drain reached).
 */
export const GET = withCron(async ({ log }) => {
  const startedAt = new Date();
  try {
    const { swept } = await sweepStaleRuns();
    if (swept.length > 0) log.warn({ swept }, 'closed stale runs');
    const { released } = await releaseStaleReservations();
    if (released.length > 0) log.warn({ released }, 'released stale usage reservations');
    const events = await drainEvents({ budgetMs: DRAIN_BUDGET_MS, log });
    await recordCronRun(SWEEP_CRON_JOB, startedAt, 'succeeded', JSON.stringify({ swept: swept.length, released: released.length }));
    return jsonResponse({ swept: swept.length, released: released.length, events });
  } catch (error) {
    // The error class only: the admin health shows it, and a message could carry data.
    await recordCronRun(SWEEP_CRON_JOB, startedAt, 'failed', error instanceof Error ? error.constructor.name : 'unknown');
    throw error;
  }
});

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
