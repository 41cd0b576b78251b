import { otherMethods } from '@/lib/api/methods';
import { respond, withUser } from '@/lib/api/handler';
import { parseParams } from '@/lib/api/parse';
import { drainAfterResponse } from '@/lib/events/drain-after-response';
import { retryEvent } from '@/lib/events/retry-event';
import { eventRetrySchema, idParamsSchema } from '@/lib/zod/schemas/events';

export const dynamic = 'force-dynamic';
// The drain after the answer, as after a webhook.
export const maxDuration = 90;

/** Queues a dead event again (202) and drains the queue after answering. */
export const POST = withUser<{ id: string }>(
  async ({ params, db, userId, log }) => {
    const { id } = parseParams(params, idParamsSchema);
    await retryEvent(db, { userId, eventId: id });
    drainAfterResponse(log);
    return respond(eventRetrySchema, { queued: true }, { status: 202 });
  },
  { rateLimit: 'writes' },
);

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
