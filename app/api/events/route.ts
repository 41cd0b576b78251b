import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { listEvents } from '@/lib/events/list-events';
import { backgroundEventListSchema } from '@/lib/zod/schemas/events';

export const dynamic = 'force-dynamic';
export const maxDuration = 10;

/** The caller's recent repository deliveries with their state (received, processed, skipped, failed, dead) and reason. */
export const GET = withUser(async ({ db, userId }) => respond(backgroundEventListSchema, { events: await db((tx) => listEvents(tx, { userId })) }));

export const { POST, PUT, PATCH, DELETE } = otherMethods({ GET });
