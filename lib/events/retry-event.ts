import { ApiError } from '@/lib/api/errors';
import type { Queryable } from '@/lib/db/client';
import { withServiceRole } from '@/lib/db/service-role';
import { CODE_REPO_QUEUE, eventQueue } from '@/lib/events/event-queue';
import { queueDb } from '@/lib/events/queue-db';

/**
 * Queues one of the caller's dead events again (the events page's Retry), with a new job; 409 for
 * an event that is not dead. The caller's own transaction (RLS) proves the event is theirs; the
 * server then writes the state and the job together, as the webhook does.
 */
export async function retryEvent(db: <T>(fn: (tx: Queryable) => Promise<T>) => Promise<T>, { userId, eventId }: { userId: string; eventId: string }): Promise<void> {
  const [event] = await db((tx) => tx<{ status: string }[]>`select status from public.background_events where id = ${eventId} and user_id = ${userId}`);
  if (!event) throw new ApiError('not_found', 'No event of yours has this id.');
  if (event.status !== 'dead') throw new ApiError('conflict', `Only a dead event can be retried; this one is ${event.status}.`);
  const boss = await eventQueue();
  await withServiceRole(async (tx) => {
    const [requeued] = await tx<{ job_id: string }[]>`
      update public.background_events
      set status = 'received', reason = null, attempts = 0, processed_at = null, job_id = gen_random_uuid()
      where id = ${eventId} and user_id = ${userId} and status = 'dead'
      returning job_id`;
    if (!requeued) throw new ApiError('conflict', 'The event was retried meanwhile.');
    await boss.send(CODE_REPO_QUEUE, { eventId }, { id: requeued.job_id, group: { id: userId }, db: queueDb(tx) });
  });
}
