import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseQuery } from '@/lib/api/parse';
import { getRunStats } from '@/lib/runs/get-run-stats';
import { getRunStatsQuerySchema, runStatsSchema } from '@/lib/zod/schemas/run-stats';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

export const GET = withUser(async ({ req, db, userId }) => {
  const filter = parseQuery(req, getRunStatsQuerySchema);
  return respond(runStatsSchema, await db((tx) => getRunStats(tx, { userId, filter })));
}, { scope: 'runs:read' });

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
