import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseQuery } from '@/lib/api/parse';
import { getDailyUsage } from '@/lib/usage/get-daily-usage';
import { dailyUsageSchema, getDailyUsageQuerySchema } from '@/lib/zod/schemas/usage';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** Every metric per UTC day over the last `days` days, for the billing page's chart. */
export const GET = withUser(async ({ req, db, userId }) => {
  const { days } = parseQuery(req, getDailyUsageQuerySchema);
  return respond(dailyUsageSchema, await db((tx) => getDailyUsage(tx, { userId, days })));
});

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
