import { otherMethods } from '@/lib/api/methods';
import { respond, withAdmin } from '@/lib/api/handler';
import { getSystemHealth } from '@/lib/admin/get-system-health';
import { adminHealthSchema } from '@/lib/zod/schemas/admin';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** Repository events and queue jobs per state, the dead events, and Stripe webhook events per state. */
export const GET = withAdmin(async ({ db }) => respond(adminHealthSchema, await db(getSystemHealth)));

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
