import { otherMethods } from '@/lib/api/methods';
import { respond, withAdmin } from '@/lib/api/handler';
import { parseQuery } from '@/lib/api/parse';
import { getRunAnalytics } from '@/lib/admin/get-run-analytics';
import { ADMIN_ANALYTICS_DAYS, adminAnalyticsQuerySchema, adminRunAnalyticsSchema } from '@/lib/zod/schemas/admin';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** Runs, approval rate, tokens and cost of every user per UTC day and per model over the last ?days= days (30). */
export const GET = withAdmin(async ({ req, db }) => {
  const { days = ADMIN_ANALYTICS_DAYS } = parseQuery(req, adminAnalyticsQuerySchema);
  return respond(adminRunAnalyticsSchema, await db((tx) => getRunAnalytics(tx, { days })));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
