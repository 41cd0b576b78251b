import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { getUsage } from '@/lib/usage/get-usage';
import { usageSchema } from '@/lib/zod/schemas/usage';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** Every metric in its current period (this month, or today for the daily cap) against the caller's limits. */
export const GET = withUser(async ({ db, userId }) => respond(usageSchema, await db((tx) => getUsage(tx, { userId }))));

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
