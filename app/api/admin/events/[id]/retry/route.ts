import { otherMethods } from '@/lib/api/methods';
import { respond, withAdmin } from '@/lib/api/handler';
import { parseParams } from '@/lib/api/parse';
import { drainAfterResponse } from '@/lib/events/drain-after-response';
import { retryEventAsAdmin } from '@/lib/events/retry-event-as-admin';
import { eventRetrySchema, idParamsSchema } from '@/lib/zod/schemas/events';

export const dynamic = 'force-dynamic';
// The drain after the answer, as after the owner's Retry.
export const maxDuration = 90;

/** Queues anyone's dead event again (202) and drains the queue after answering. */
export const POST = withAdmin<{ id: string }>(async ({ params, db, log }) => {
  const { id } = parseParams(params, idParamsSchema);
  await retryEventAsAdmin(db, { eventId: id });
  drainAfterResponse(log);
  return respond(eventRetrySchema, { queued: true }, { status: 202 });
});

export const { GET, PUT, PATCH, DELETE } = otherMethods({ POST });
