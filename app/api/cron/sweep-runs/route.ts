import { otherMethods } from '@/lib/api/methods';
import { jsonResponse, withCron } from '@/lib/api/handler';
import { releaseStaleReservations } from '@/lib/cron/release-stale-reservations';
import { sweepStaleRuns } from '@/lib/cron/sweep-stale-runs';

export const dynamic = 'force-dynamic';
export const maxDuration = 30;

/** The daily maintenance: closes runs and releases reservations that killed functions left open. */
export const GET = withCron(async ({ log }) => {
  const { swept } = await sweepStaleRuns();
  if (swept.length > 0) log.warn({ swept }, 'closed stale runs');
  const { released } = await releaseStaleReservations();
  if (released.length > 0) log.warn({ released }, 'released stale usage reservations');
  return jsonResponse({ swept: swept.length, released: released.length });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
