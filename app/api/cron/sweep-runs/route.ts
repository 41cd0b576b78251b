import { otherMethods } from '@/lib/api/methods';
import { jsonResponse, withCron } from '@/lib/api/handler';
import { sweepStaleRuns } from '@/lib/cron/sweep-stale-runs';

export const dynamic = 'force-dynamic';
export const maxDuration = 30;

export const GET = withCron(async ({ log }) => {
  const { swept } = await sweepStaleRuns();
  if (swept.length > 0) log.warn({ swept }, 'closed stale runs');
  return jsonResponse({ swept: swept.length });
});

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
